// Package httpjson reads and writes the JSON bodies of dualuse's API, and is
// the one place where an error's kind becomes an HTTP status.
package httpjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/dualuse/dualuse/internal/apperr"
)

// MaxBody is the largest request body accepted, in bytes.
const MaxBody = 1 << 20

// Status maps an error's kind to its HTTP status.
func Status(err error) int {
	switch apperr.KindOf(err) {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unprocessable:
		return http.StatusUnprocessableEntity
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.TooManyRequests:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong and, where known, in which field.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// WriteError writes err as a JSON error with its status. Internal errors are
// logged and shown only as "internal error".
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := Status(err)
	if status == http.StatusInternalServerError && log != nil {
		log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	msg, field := apperr.Safe(err)
	kind := apperr.KindOf(err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dualuse"`)
	}
	Write(w, status, ErrorBody{Error: ErrorDetail{Code: string(kind), Message: msg, Field: field}})
}

// Write writes v as JSON with the given status. The body is encoded into
// a buffer first and sent with its Content-Length in one write (not in
// chunks as the encoder fills the connection's buffer).
func Write(w http.ResponseWriter, status int, v any) {
	b := NewBody()
	b.Value(v)
	b.Raw("\n") // as json.Encoder ends a value
	b.Send(w, status)
}

// Body is a JSON response body assembled from encoded values and raw,
// already encoded, pieces (such as a part that is the same in every
// response). Write(w, status, v) is NewBody, Value(v), Raw("\n"), Send.
type Body struct {
	buf *bytes.Buffer
	err error
}

// NewBody returns an empty body on a pooled buffer; Send returns it.
func NewBody() *Body {
	return &Body{buf: buffers.Get().(*bytes.Buffer)}
}

// Value appends v encoded as JSON (HTML characters escaped, as everywhere
// in the API).
func (b *Body) Value(v any) {
	if b.err != nil {
		return
	}
	enc := json.NewEncoder(b.buf)
	enc.SetEscapeHTML(true)
	if b.err = enc.Encode(v); b.err == nil {
		b.buf.Truncate(b.buf.Len() - 1) // the encoder's newline
	}
}

// Append appends what f appends to dst, for hand-written encoders, unless
// it reports false (then nothing is appended and Append reports false).
func (b *Body) Append(f func(dst []byte) ([]byte, bool)) bool {
	if b.err != nil {
		return false
	}
	p, ok := f(b.buf.AvailableBuffer())
	if ok {
		b.buf.Write(p)
	}
	return ok
}

// Raw appends s, which must be valid JSON text in its place.
func (b *Body) Raw(s string) { b.buf.WriteString(s) }

// RawBytes appends p, which must be valid JSON text in its place.
func (b *Body) RawBytes(p []byte) { b.buf.Write(p) }

// Send writes the body with the given status, and its Content-Length. If a
// value could not be encoded only the status is sent (as json.Encoder
// writing to w would have done).
func (b *Body) Send(w http.ResponseWriter, status int) {
	defer putBuffer(b.buf)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if b.err == nil {
		h.Set("Content-Length", strconv.Itoa(b.buf.Len()))
	}
	w.WriteHeader(status)
	if b.err == nil {
		w.Write(b.buf.Bytes())
	}
	b.buf = nil
}

// buffers holds response buffers for reuse.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns buf to the pool unless it grew for a large response.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 256<<10 {
		buf.Reset()
		buffers.Put(buf)
	}
}

// Decode reads a JSON object from the request body into v, strictly: the
// content must be one JSON value, with no unknown fields, of the right types,
// at most MaxBody bytes. The Content-Type is not checked (curl -d sends a
// form type). Errors are Invalid and name the field.
func Decode(w http.ResponseWriter, r *http.Request, v any) error {
	return DecodeReader(http.MaxBytesReader(w, r.Body, MaxBody), v)
}

// DecodeReader is Decode for any reader.
func DecodeReader(rd io.Reader, v any) error {
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return describe(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apperr.New(apperr.Invalid, "body must hold a single JSON value")
	}
	return nil
}

// describe turns a decoding error into an Invalid error naming the field.
func describe(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "(body)"
		}
		return apperr.Field(apperr.Invalid, field, "must be %s, not %s", jsonType(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return apperr.New(apperr.Invalid, "malformed JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.As(err, &maxErr):
		return apperr.New(apperr.Invalid, "body larger than %d bytes", maxErr.Limit)
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.Invalid, "body is empty; a JSON object is required")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.Invalid, "malformed JSON: body ends early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Field(apperr.Invalid, name, "unknown field")
	}
	return apperr.New(apperr.Invalid, "malformed JSON: %v", err)
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
		return "a number"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return fmt.Sprintf("a %s", goKind)
}
