package apperr

import (
	"strings"
	"unicode/utf8"
)

// CheckText rejects a required single-line text that is empty, longer than
// max characters, not UTF-8 or holds control characters, with an Invalid
// error naming the field.
func CheckText(field, s string, max int) error {
	return checkText(field, s, max, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// CheckLongText is CheckText for text that may span lines: line breaks and
// tabs are allowed, other control characters are not.
func CheckLongText(field, s string, max int) error {
	return checkText(field, s, max, func(r rune) bool {
		return (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f
	})
}

func checkText(field, s string, max int, control func(rune) bool) error {
	switch {
	case strings.TrimSpace(s) == "":
		return Field(Invalid, field, "is required")
	case !utf8.ValidString(s):
		return Field(Invalid, field, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > max:
		return Field(Invalid, field, "is longer than %d characters", max)
	case strings.ContainsFunc(s, control):
		return Field(Invalid, field, "contains control characters")
	}
	return nil
}

// Shorten cuts s to at most n characters, marking a cut with "…", for
// quoting user input in messages.
func Shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
