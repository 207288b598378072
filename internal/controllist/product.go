package controllist

import (
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
)

// NotListedCode is the classification of an item that no entry of the list
// covers.
const NotListedCode = "not-listed"

// Product is an exporter's product in the registry.
type Product struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Parameters are the technical parameters that decide the
	// classification ("output power": "1 W").
	Parameters map[string]string `json:"parameters,omitempty"`
	// Classification is the current classification, if any.
	Classification *Classification `json:"classification,omitempty"`
}

// Validate checks the product and its classification.
func (p Product) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return apperr.Field(apperr.Invalid, "name", "a product needs a name")
	}
	if strings.TrimSpace(p.Description) == "" {
		return apperr.Field(apperr.Invalid, "description", "describe the product")
	}
	for k := range p.Parameters {
		if strings.TrimSpace(k) == "" {
			return apperr.Field(apperr.Invalid, "parameters", "a technical parameter needs a name")
		}
	}
	if p.Classification != nil {
		return p.Classification.Validate()
	}
	return nil
}

// Classification is a product's control status against one list version:
// an entry code or NotListedCode, with rationale, who decided and when.
type Classification struct {
	// Code is the entry code, or NotListedCode.
	Code string `json:"code"`
	// ListVersion is the Version.ID the code was read against.
	ListVersion string `json:"list_version"`
	Rationale   string `json:"rationale"`
	// Classifier names the person who classified the product.
	Classifier   string    `json:"classifier"`
	ClassifiedAt time.Time `json:"classified_at"`
	// CyberSurveillance is the list's flag for listed items, or the Art.
	// 2(20) assessment's result for unlisted ones.
	CyberSurveillance bool `json:"cyber_surveillance"`
	// Assessment is required for an unlisted item.
	Assessment *Art220Assessment `json:"art_2_20_assessment,omitempty"`
}

// NotListed reports whether the classification says "not listed".
func (c Classification) NotListed() bool { return c.Code == NotListedCode }

// Validate checks the classification's fields; CheckAgainst also checks the
// code against a list.
func (c Classification) Validate() error {
	switch {
	case c.Code == "":
		return apperr.Field(apperr.Invalid, "code", "give an entry code or %q", NotListedCode)
	case !c.NotListed() && !codePattern.MatchString(NormalizeCode(c.Code)):
		return apperr.Field(apperr.Invalid, "code", "%q is not a control-list code or %q", c.Code, NotListedCode)
	case c.ListVersion == "":
		return apperr.Field(apperr.Invalid, "list_version", "name the control-list version the code was read against")
	case strings.TrimSpace(c.Rationale) == "":
		return apperr.Field(apperr.Invalid, "rationale", "explain why the product is classified so")
	case strings.TrimSpace(c.Classifier) == "":
		return apperr.Field(apperr.Invalid, "classifier", "name who classified the product")
	case c.ClassifiedAt.IsZero():
		return apperr.Field(apperr.Invalid, "classified_at", "give the date of classification")
	}
	if c.NotListed() {
		if c.Assessment == nil {
			return apperr.Field(apperr.Invalid, "art_2_20_assessment", "an unlisted item needs the Art. 2(20) cyber-surveillance assessment")
		}
		if err := c.Assessment.Validate(); err != nil {
			return err
		}
		if c.CyberSurveillance != c.Assessment.CyberSurveillance() {
			return apperr.Field(apperr.Invalid, "cyber_surveillance", "the flag must follow the Art. 2(20) assessment")
		}
	} else if c.Assessment != nil {
		return apperr.Field(apperr.Invalid, "art_2_20_assessment", "only unlisted items take the Art. 2(20) assessment")
	}
	return nil
}

// CheckAgainst validates the classification and checks that the code exists
// in the list and that the list version matches.
func (c Classification) CheckAgainst(l *List) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.ListVersion != l.Version.ID {
		return apperr.Field(apperr.Invalid, "list_version", "classified against %s, not %s", c.ListVersion, l.Version.ID)
	}
	if c.NotListed() {
		return nil
	}
	e, err := l.Entry(c.Code)
	if err != nil {
		return err
	}
	if e.CyberSurveillance != c.CyberSurveillance {
		return apperr.Field(apperr.Invalid, "cyber_surveillance", "%s is %s a listed cyber-surveillance item", e.Code, map[bool]string{true: "", false: "not"}[e.CyberSurveillance])
	}
	return nil
}

// Art220Assessment records the four elements of the cyber-surveillance item
// definition of Art. 2(20) Regulation (EU) 2021/821 for an unlisted item. The
// item is a cyber-surveillance item only when all four are present.
type Art220Assessment struct {
	// SpeciallyDesigned: specially designed for surveillance, not a general
	// purpose item that could be misused.
	SpeciallyDesigned bool   `json:"specially_designed"`
	SpeciallyReason   string `json:"specially_designed_reason"`
	// Covert: enables covert surveillance (without the knowledge of the
	// persons concerned).
	Covert       bool   `json:"covert"`
	CovertReason string `json:"covert_reason"`
	// NaturalPersons: the surveillance targets natural persons.
	NaturalPersons       bool   `json:"natural_persons"`
	NaturalPersonsReason string `json:"natural_persons_reason"`
	// ICTData: by monitoring, extracting, collecting or analysing data from
	// information and telecommunication systems.
	ICTData       bool   `json:"ict_data"`
	ICTDataReason string `json:"ict_data_reason"`
	Assessor      string `json:"assessor"`
}

// CyberSurveillance reports whether all four elements are present.
func (a Art220Assessment) CyberSurveillance() bool {
	return a.SpeciallyDesigned && a.Covert && a.NaturalPersons && a.ICTData
}

// Validate requires a reason for every element and an assessor.
func (a Art220Assessment) Validate() error {
	for _, f := range []struct{ field, reason string }{
		{"specially_designed_reason", a.SpeciallyReason},
		{"covert_reason", a.CovertReason},
		{"natural_persons_reason", a.NaturalPersonsReason},
		{"ict_data_reason", a.ICTDataReason},
		{"assessor", a.Assessor},
	} {
		if strings.TrimSpace(f.reason) == "" {
			return apperr.Field(apperr.Invalid, f.field, "required for the Art. 2(20) assessment")
		}
	}
	return nil
}

// ReclassificationTask asks for a product to be classified again because its
// entry changed or was removed in a new list version (domain.md §7.3 rule 13).
type ReclassificationTask struct {
	ProductID   string `json:"product_id"`
	Code        string `json:"code"`
	OldVersion  string `json:"old_version"`
	NewVersion  string `json:"new_version"`
	ChangedCode string `json:"changed_code"`
	// Reason is "changed" or "removed".
	Reason   string `json:"reason"`
	TextDiff string `json:"text_diff,omitempty"`
}

// Validate checks the task's fields.
func (t ReclassificationTask) Validate() error {
	switch {
	case t.ProductID == "":
		return apperr.Field(apperr.Invalid, "product_id", "required")
	case t.Code == "" || t.ChangedCode == "":
		return apperr.Field(apperr.Invalid, "code", "required")
	case t.OldVersion == "" || t.NewVersion == "" || t.OldVersion == t.NewVersion:
		return apperr.Field(apperr.Invalid, "new_version", "a task needs two different list versions")
	case t.Reason != "changed" && t.Reason != "removed":
		return apperr.Field(apperr.Invalid, "reason", "must be changed or removed, not %q", t.Reason)
	}
	return nil
}

// ReclassificationTasks returns a task for every product classified under an
// entry that the diff shows changed or removed. Unlisted products are not
// affected by a diff of entries (they need review when entries are added,
// which the caller decides).
func (d ListDiff) ReclassificationTasks(products []Product) []ReclassificationTask {
	var out []ReclassificationTask
	for _, p := range products {
		c := p.Classification
		if c == nil || c.NotListed() || c.ListVersion != d.OldVersion {
			continue
		}
		ch, ok := d.Affects(c.Code)
		if !ok {
			continue
		}
		out = append(out, ReclassificationTask{ProductID: p.ID, Code: NormalizeCode(c.Code),
			OldVersion: d.OldVersion, NewVersion: d.NewVersion, ChangedCode: ch.Code,
			Reason: ch.Kind, TextDiff: ch.TextDiff})
	}
	return out
}
