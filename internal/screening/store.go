package screening

import "encoding/binary"

// entityStore keeps the entities of an index encoded in one string. As
// structs, every list's entities together hold about a million pointers
// (each name, date, country, address and identifier is a string), which
// the garbage collector would scan in every cycle: with all lists loaded
// that was two thirds of its marking, and a server under load collects
// every second or so. Encoded, they are one object it need not look into.
// An entity is decoded when a hit or a qualifier needs it, its strings
// slices of the one string.
type entityStore struct {
	data  string
	at    []uint32 // entity i is data[at[i]:at[i+1]]
	names []span   // the value of every entity's every name, in order
	first []uint32 // entity i's names are names[first[i]:first[i+1]]
}

// newEntityStore encodes ents.
func newEntityStore(ents []*Entity) *entityStore {
	st := &entityStore{at: make([]uint32, 0, len(ents)+1), first: make([]uint32, 0, len(ents)+1)}
	var w []byte
	str := func(s string) {
		w = binary.AppendUvarint(w, uint64(len(s)))
		w = append(w, s...)
	}
	strs := func(ss []string) {
		w = binary.AppendUvarint(w, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	for _, e := range ents {
		st.at = append(st.at, uint32(len(w)))
		st.first = append(st.first, uint32(len(st.names)))
		str(e.Source)
		str(e.SourceID)
		str(e.SubList)
		str(string(e.Kind))
		w = binary.AppendUvarint(w, uint64(len(e.Names)))
		for _, n := range e.Names {
			w = binary.AppendUvarint(w, uint64(len(n.Value)))
			st.names = append(st.names, span{uint32(len(w)), uint32(len(w) + len(n.Value))})
			w = append(w, n.Value...)
			str(string(n.Type))
			str(n.Script)
		}
		strs(e.BirthDates)
		strs(e.Countries)
		w = binary.AppendUvarint(w, uint64(len(e.Identifiers)))
		for _, id := range e.Identifiers {
			str(id.Type)
			str(id.Value)
			str(id.Country)
		}
		strs(e.Addresses)
		strs(e.Programs)
		str(e.ListedOn)
		str(e.Remarks)
		str(e.Version)
		strs(e.Links)
	}
	st.at = append(st.at, uint32(len(w)))
	st.first = append(st.first, uint32(len(st.names)))
	st.data = string(w)
	return st
}

// len returns the number of entities.
func (st *entityStore) len() int { return len(st.at) - 1 }

// name returns the value of entity i's name ni.
func (st *entityStore) name(i uint32, ni uint16) string {
	sp := st.names[st.first[i]+uint32(ni)]
	return st.data[sp.from:sp.to]
}

// entity returns entity i, decoded.
func (st *entityStore) entity(i uint32) *Entity {
	e := new(Entity)
	st.decode(i, e)
	return e
}

// decode decodes entity i into e, reusing its slices: a qualifier decodes
// candidate after candidate into the one Entity of its scratch.
func (st *entityStore) decode(i uint32, e *Entity) {
	d := decoder{s: st.data[st.at[i]:st.at[i+1]]}
	e.Source, e.SourceID, e.SubList, e.Kind = d.str(), d.str(), d.str(), Kind(d.str())
	e.Names = e.Names[:0]
	for range d.n() {
		e.Names = append(e.Names, Name{Value: d.str(), Type: NameType(d.str()), Script: d.str()})
	}
	e.BirthDates = d.strs(e.BirthDates)
	e.Countries = d.strs(e.Countries)
	e.Identifiers = e.Identifiers[:0]
	for range d.n() {
		e.Identifiers = append(e.Identifiers, Identifier{Type: d.str(), Value: d.str(), Country: d.str()})
	}
	e.Addresses = d.strs(e.Addresses)
	e.Programs = d.strs(e.Programs)
	e.ListedOn, e.Remarks, e.Version = d.str(), d.str(), d.str()
	e.Links = d.strs(e.Links)
	// A list the entity does not have stays nil, as the loaders leave it.
	if len(e.Names) == 0 {
		e.Names = nil
	}
	if len(e.Identifiers) == 0 {
		e.Identifiers = nil
	}
}

// decoder reads what newEntityStore wrote.
type decoder struct {
	s string
	p int
}

func (d *decoder) n() int {
	var v uint64
	for shift := 0; ; shift += 7 {
		c := d.s[d.p]
		d.p++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(v)
		}
	}
}

func (d *decoder) str() string {
	n := d.n()
	s := d.s[d.p : d.p+n]
	d.p += n
	return s
}

// strs decodes a list of strings into dst[:0], or nil when it is empty.
func (d *decoder) strs(dst []string) []string {
	n := d.n()
	if n == 0 {
		return nil
	}
	dst = dst[:0]
	for range n {
		dst = append(dst, d.str())
	}
	return dst
}
