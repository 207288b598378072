package screening

// EncodeDecode encodes ents as an index stores them and decodes them again;
// names holds each decoded entity's name values as the store gives them
// one by one (entityStore.name).
func EncodeDecode(ents []*Entity) (out []*Entity, names [][]string) {
	st := newEntityStore(ents)
	out = make([]*Entity, st.len())
	names = make([][]string, st.len())
	for i := range out {
		out[i] = st.entity(uint32(i))
		for ni := range out[i].Names {
			names[i] = append(names[i], st.name(uint32(i), uint16(ni)))
		}
	}
	return out, names
}
