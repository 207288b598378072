package api

import (
	"github.com/dualuse/dualuse/internal/httpjson"
	"github.com/dualuse/dualuse/internal/screenfile"
	"github.com/dualuse/dualuse/internal/screening"
)

// appendResults appends rs encoded as encoding/json encodes them (with
// HTML escaping), without reflection: the screening response is the API's
// hottest. ok is false when a score is not a finite number, which
// encoding/json refuses too. screening_json_test.go checks the output
// against encoding/json on random results with every field set.
func appendResults(b []byte, rs []screenfile.Result) (_ []byte, ok bool) {
	if rs == nil {
		return append(b, "null"...), true
	}
	b = append(b, '[')
	for i := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		r := &rs[i]
		b = append(b, `{"id":`...)
		b = httpjson.AppendString(b, r.ID)
		if r.Error != "" {
			b = append(b, `,"error":`...)
			b = httpjson.AppendString(b, r.Error)
		}
		b = append(b, `,"matches":`...)
		if r.Matches == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j := range r.Matches {
				if j > 0 {
					b = append(b, ',')
				}
				if b, ok = appendMatch(b, &r.Matches[j]); !ok {
					return b, false
				}
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, ']'), true
}

func appendMatch(b []byte, m *screenfile.Match) (_ []byte, ok bool) {
	b = append(b, `{"source":`...)
	b = httpjson.AppendString(b, m.Source)
	b = append(b, `,"source_id":`...)
	b = httpjson.AppendString(b, m.SourceID)
	b = append(b, `,"name":`...)
	b = httpjson.AppendString(b, m.Name)
	b = append(b, `,"score":`...)
	if b, ok = httpjson.AppendFloat(b, m.Score); !ok {
		return b, false
	}
	b = append(b, `,"explanation":`...)
	if b, ok = appendExplanation(b, &m.Explanation); !ok {
		return b, false
	}
	b = append(b, `,"sources":`...)
	if m.Sources == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range m.Sources {
			if i > 0 {
				b = append(b, ',')
			}
			s := &m.Sources[i]
			b = append(b, `{"source":`...)
			b = httpjson.AppendString(b, s.Source)
			b = append(b, `,"source_id":`...)
			b = httpjson.AppendString(b, s.SourceID)
			if s.SubList != "" {
				b = append(b, `,"sub_list":`...)
				b = httpjson.AppendString(b, s.SubList)
			}
			b = append(b, `,"name":`...)
			b = httpjson.AppendString(b, s.Name)
			b = append(b, `,"list_version":`...)
			b = httpjson.AppendString(b, s.ListVersion)
			b = append(b, `,"score":`...)
			if b, ok = httpjson.AppendFloat(b, s.Score); !ok {
				return b, false
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), true
}

func appendExplanation(b []byte, e *screening.Explanation) (_ []byte, ok bool) {
	b = append(b, `{"query_name":`...)
	b = httpjson.AppendString(b, e.QueryName)
	b = append(b, `,"list_name":`...)
	b = httpjson.AppendString(b, e.ListName)
	b = append(b, `,"name_type":`...)
	b = httpjson.AppendString(b, string(e.NameType))
	if len(e.Tokens) > 0 {
		b = append(b, `,"tokens":[`...)
		for i := range e.Tokens {
			if i > 0 {
				b = append(b, ',')
			}
			t := &e.Tokens[i]
			b = append(b, `{"query":`...)
			b = httpjson.AppendString(b, t.Query)
			b = append(b, `,"list":`...)
			b = httpjson.AppendString(b, t.List)
			b = append(b, `,"similarity":`...)
			if b, ok = httpjson.AppendFloat(b, t.Similarity); !ok {
				return b, false
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"features":`...)
	if e.Features == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range e.Features {
			if i > 0 {
				b = append(b, ',')
			}
			f := &e.Features[i]
			b = append(b, `{"name":`...)
			b = httpjson.AppendString(b, f.Name)
			b = append(b, `,"contribution":`...)
			if b, ok = httpjson.AppendFloat(b, f.Contribution); !ok {
				return b, false
			}
			if f.Detail != "" {
				b = append(b, `,"detail":`...)
				b = httpjson.AppendString(b, f.Detail)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"list_version":`...)
	b = httpjson.AppendString(b, e.ListVersion)
	return append(b, '}'), true
}
