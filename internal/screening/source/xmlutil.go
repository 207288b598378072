package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/dualuse/dualuse/internal/apperr"
)

// xmlRoot returns the local name of the first element, or "".
func xmlRoot(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for i := 0; i < 64; i++ {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

// walkXML decodes every element named one of names into a fresh value from
// newRec and passes it to fn with its ordinal. A syntax error fails the file.
func walkXML(f *file, names map[string]bool, fn func(name string, n int, d *xml.Decoder, se xml.StartElement) error) error {
	d := xml.NewDecoder(bytes.NewReader(f.data))
	n := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			line, _ := d.InputPos()
			return apperr.Field(apperr.Invalid, fmt.Sprintf("%s:%d", f.path, line), "malformed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !names[se.Name.Local] {
			continue
		}
		n++
		if err := fn(se.Name.Local, n, d, se); err != nil {
			line, _ := d.InputPos()
			return apperr.Field(apperr.Invalid, fmt.Sprintf("%s:%d", f.path, line), "malformed record %d: %v", n, err)
		}
	}
}

// attr returns an attribute value.
func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
