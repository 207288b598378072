package screening

import (
	"encoding/binary"
	"strings"
)

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

// newEntityStore encodes ents: a first pass measures them, so that the
// encoding is written once into memory of its final size (growing and then
// copying some 20 MB took a tenth of loading every list).
func newEntityStore(ents []*Entity) *entityStore {
	var size sizer
	for _, e := range ents {
		encodeEntity(&size, e, nil)
	}
	st := &entityStore{at: make([]uint32, 0, len(ents)+1), first: make([]uint32, 0, len(ents)+1)}
	w := &writer{}
	w.b.Grow(size.n)
	for _, e := range ents {
		st.at = append(st.at, uint32(w.b.Len()))
		st.first = append(st.first, uint32(len(st.names)))
		encodeEntity(w, e, &st.names)
	}
	st.at = append(st.at, uint32(w.b.Len()))
	st.first = append(st.first, uint32(len(st.names)))
	st.data = w.b.String()
	return st
}

// encodeEntity writes e to enc, and the span of every name's value to
// names unless it is nil.
func encodeEntity[E encoder](enc E, e *Entity, names *[]span) {
	strs := func(ss []string) {
		enc.uvarint(len(ss))
		for _, s := range ss {
			enc.str(s)
		}
	}
	enc.str(e.Source)
	enc.str(e.SourceID)
	enc.str(e.SubList)
	enc.str(string(e.Kind))
	enc.uvarint(len(e.Names))
	for _, n := range e.Names {
		enc.uvarint(len(n.Value))
		if names != nil {
			at := uint32(enc.len())
			*names = append(*names, span{at, at + uint32(len(n.Value))})
		}
		enc.raw(n.Value)
		enc.str(string(n.Type))
		enc.str(n.Script)
		derived := 0
		if n.Derived {
			derived = 1
		}
		enc.uvarint(derived)
	}
	strs(e.BirthDates)
	strs(e.Countries)
	enc.uvarint(len(e.Identifiers))
	for _, id := range e.Identifiers {
		enc.str(id.Type)
		enc.str(id.Value)
		enc.str(id.Country)
	}
	strs(e.Addresses)
	strs(e.Programs)
	enc.str(e.ListedOn)
	enc.str(e.Remarks)
	enc.str(e.Version)
	strs(e.Links)
}

// encoder is what encodeEntity writes to: a sizer or a writer.
type encoder interface {
	uvarint(n int)
	raw(s string)
	str(s string) // uvarint(len(s)) and raw(s)
	len() int
}

// sizer counts the bytes of an encoding.
type sizer struct{ n int }

func (z *sizer) uvarint(n int) {
	z.n++
	for ; n >= 0x80; n >>= 7 {
		z.n++
	}
}
func (z *sizer) raw(s string) { z.n += len(s) }
func (z *sizer) str(s string) { z.uvarint(len(s)); z.raw(s) }
func (z *sizer) len() int     { return z.n }

// writer writes an encoding.
type writer struct {
	b   strings.Builder
	tmp [binary.MaxVarintLen64]byte
}

func (w *writer) uvarint(n int) { w.b.Write(binary.AppendUvarint(w.tmp[:0], uint64(n))) }
func (w *writer) raw(s string)  { w.b.WriteString(s) }
func (w *writer) str(s string)  { w.uvarint(len(s)); w.raw(s) }
func (w *writer) len() int      { return w.b.Len() }

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
		e.Names = append(e.Names, Name{Value: d.str(), Type: NameType(d.str()), Script: d.str(), Derived: d.n() == 1})
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
