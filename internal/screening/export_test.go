package screening

// EncodeDecode encodes ents as an index stores them and decodes them again.
func EncodeDecode(ents []*Entity) []*Entity {
	st := newEntityStore(ents)
	out := make([]*Entity, st.len())
	for i := range out {
		out[i] = st.entity(uint32(i))
		for ni, n := range out[i].Names {
			if got := st.name(uint32(i), uint16(ni)); got != n.Value {
				panic("name " + got + " != " + n.Value)
			}
		}
	}
	return out
}
