package screening

// EncodeDecode encodes ents as an index stores them and decodes them again;
// names holds each decoded entity's name values as the store gives them
// one by one (entityStore.name); sized says whether the sizing pass measured
// the encoding exactly.
func EncodeDecode(ents []*Entity) (out []*Entity, names [][]string, sized bool) {
	st := newEntityStore(ents)
	var z sizer
	for _, e := range ents {
		encodeEntity(&z, e, nil)
	}
	sized = z.n == len(st.data)
	out = make([]*Entity, st.len())
	names = make([][]string, st.len())
	for i := range out {
		out[i] = st.entity(uint32(i))
		for ni := range out[i].Names {
			names[i] = append(names[i], st.name(uint32(i), uint16(ni)))
		}
	}
	return out, names, sized
}

// LookupJoined reports what lookupJoined(a, b) and lookup(a + b) find in
// the engine's index.
func LookupJoined(e *Engine, a, b string) (joined, whole string, ok1, ok2 bool) {
	ix := e.ix.Load()
	id1, ok1 := ix.lookupJoined(a, b)
	id2, ok2 := ix.lookup(a + b)
	if ok1 {
		joined = ix.text(id1)
	}
	if ok2 {
		whole = ix.text(id2)
	}
	return joined, whole, ok1, ok2
}
