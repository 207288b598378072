// Package product is the exporters' product registry: each exporter keeps
// its products (description and technical parameters) and classifies them
// against the control list in service, with rationale and, for unlisted
// items, the Art. 2(20) cyber-surveillance assessment. Every classification
// is kept as history; the newest is the product's current one. When the
// control list changes, Reclassify opens a re-classification task for every
// product whose entry changed or was removed (domain.md §7.3 rule 13); a
// task closes when the product is classified against the new version.
//
// Exporters read and write their own organisation's products; authority
// staff read those of exporters established in their member state; admins
// read all. Another organisation's product answers NotFound, and product
// identifiers are random, so that guessing one reveals nothing. Storage is
// behind the Store interface; every change carries its audit event into the
// same transaction.
package product

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
)

// Length limits of the registry's text fields, in characters.
const (
	MaxName        = 200
	MaxDescription = 5000
	MaxParameters  = 50
	MaxParamName   = 100
	MaxParamValue  = 500
	MaxCode        = 40
	MaxRationale   = 5000
	MaxReason      = 2000
	MaxVersion     = 100
)

// AssessmentPrefix names the fields of the Art. 2(20) assessment in errors.
const AssessmentPrefix = "art_2_20_assessment."

// Product is a product in an exporter's registry: the control-list view of
// it (name, description, parameters, current classification) and the
// organisation that owns it.
type Product struct {
	controllist.Product
	OrgID   int64  `json:"organisation_id"`
	OrgName string `json:"organisation"`
	// State is the exporter's country of establishment: its authority reads
	// the product.
	State   string    `json:"state"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Resource is the product as an object of authorisation.
func (p Product) Resource() auth.Resource {
	return auth.Resource{OrgID: p.OrgID, State: p.State}
}

// Details are what an exporter writes about a product: all of it on create
// and on every edit.
type Details struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Parameters  map[string]string `json:"parameters,omitempty"`
}

// normalize trims the text fields and parameter names and values; two
// names that are the same once trimmed are refused.
func (d Details) normalize() (Details, error) {
	out := Details{Name: strings.TrimSpace(d.Name), Description: strings.TrimSpace(d.Description)}
	if len(d.Parameters) > 0 {
		out.Parameters = make(map[string]string, len(d.Parameters))
		for _, k := range slices.Sorted(maps.Keys(d.Parameters)) {
			name := strings.TrimSpace(k)
			if _, dup := out.Parameters[name]; dup {
				return Details{}, apperr.Field(apperr.Invalid, "parameters", "parameter %q is given twice", apperr.Shorten(name, 40))
			}
			out.Parameters[name] = strings.TrimSpace(d.Parameters[k])
		}
	}
	return out, nil
}

// Validate checks the details' fields and their lengths.
func (d Details) Validate() error {
	if err := apperr.CheckText("name", d.Name, MaxName); err != nil {
		return err
	}
	if err := apperr.CheckLongText("description", d.Description, MaxDescription); err != nil {
		return err
	}
	if len(d.Parameters) > MaxParameters {
		return apperr.Field(apperr.Invalid, "parameters", "at most %d technical parameters", MaxParameters)
	}
	for _, k := range slices.Sorted(maps.Keys(d.Parameters)) {
		v := d.Parameters[k]
		if err := apperr.CheckText("parameters", k, MaxParamName); err != nil {
			return apperr.Field(apperr.Invalid, "parameters", "parameter name %q: %s", apperr.Shorten(k, 40), message(err))
		}
		if err := apperr.CheckText("parameters", v, MaxParamValue); err != nil {
			return apperr.Field(apperr.Invalid, "parameters", "value of %q: %s", apperr.Shorten(k, 40), message(err))
		}
	}
	return nil
}

// ClassifyRequest is an exporter's classification of a product against the
// control list in service. The list version, the classifier, the time and
// the cyber-surveillance flag are filled in by the service.
type ClassifyRequest struct {
	// Code is an entry code of the list in service, or "not-listed".
	Code      string `json:"code"`
	Rationale string `json:"rationale"`
	// ListVersion, when given, must be the version in service: a form shown
	// before the list changed is refused rather than read against another
	// version.
	ListVersion string `json:"list_version,omitempty"`
	// Assessment is required for "not-listed" and refused otherwise. Its
	// assessor is the signed-in user.
	Assessment *controllist.Art220Assessment `json:"art_2_20_assessment,omitempty"`
}

// Validate checks the lengths of the request's fields; the classification
// built from it is checked against the list by the service.
func (r ClassifyRequest) Validate() error {
	if err := apperr.CheckText("code", r.Code, MaxCode); err != nil {
		return err
	}
	if err := apperr.CheckLongText("rationale", r.Rationale, MaxRationale); err != nil {
		return err
	}
	if r.ListVersion != "" {
		if err := apperr.CheckText("list_version", r.ListVersion, MaxVersion); err != nil {
			return err
		}
	}
	if a := r.Assessment; a != nil {
		for _, f := range []struct{ field, reason string }{
			{"specially_designed_reason", a.SpeciallyReason},
			{"covert_reason", a.CovertReason},
			{"natural_persons_reason", a.NaturalPersonsReason},
			{"ict_data_reason", a.ICTDataReason},
		} {
			if err := apperr.CheckLongText(AssessmentPrefix+f.field, f.reason, MaxReason); err != nil {
				return err
			}
		}
	}
	return nil
}

// Task is a stored re-classification task with the product it is about.
type Task struct {
	ID int64 `json:"id"`
	controllist.ReclassificationTask
	ProductName string    `json:"product_name"`
	OrgID       int64     `json:"organisation_id"`
	State       string    `json:"state"`
	Created     time.Time `json:"created"`
	// Closed is when the product was classified against the new version.
	Closed   *time.Time `json:"closed,omitempty"`
	ClosedBy string     `json:"closed_by,omitempty"`
}

// Open reports whether the task still waits for a classification.
func (t Task) Open() bool { return t.Closed == nil }

// Detail is a product with its classification history, newest first, and
// its re-classification tasks.
type Detail struct {
	Product
	History []controllist.Classification `json:"history"`
	Tasks   []Task                       `json:"reclassification_tasks"`
}

// Filter narrows a listing of products or tasks; zero fields do not filter.
type Filter struct {
	ID    string // only this product
	OrgID int64  // only this organisation's products
	State string // only products of exporters established in this country
	// OpenOnly keeps only open tasks (tasks listings only).
	OpenOnly bool
}

// TaskClose closes an open task together with a classification, with the
// audit event recording it.
type TaskClose struct {
	TaskID int64
	Event  audit.Event
}

// Store keeps products, their classifications and re-classification tasks.
// Methods that change anything take the audit events to record in the same
// transaction.
type Store interface {
	// CreateProduct inserts p (its ID set by the caller) and fills in the
	// organisation's name and country.
	CreateProduct(ctx context.Context, p *Product, ev audit.Event) error
	// UpdateProduct saves name, description, parameters and update time.
	UpdateProduct(ctx context.Context, p Product, ev audit.Event) error
	// Products lists products with their current classification, by name.
	Products(ctx context.Context, f Filter) ([]Product, error)
	// AddClassification records a classification of a product and closes
	// the given tasks, when still open, each with its event.
	AddClassification(ctx context.Context, productID string, c controllist.Classification, ev audit.Event, closes []TaskClose) error
	// Classifications returns a product's classifications, newest first.
	Classifications(ctx context.Context, productID string) ([]controllist.Classification, error)
	// CreateTasks inserts the tasks, each with its event, skipping any
	// whose product already has a task for the same new version. It sets
	// the ID of the tasks inserted (0 for those skipped) and returns how
	// many there were.
	CreateTasks(ctx context.Context, tasks []*Task, evs []audit.Event) (int, error)
	// Tasks lists re-classification tasks, oldest first.
	Tasks(ctx context.Context, f Filter) ([]Task, error)
}

// idPattern is the form of product identifiers (see newID).
var idPattern = regexp.MustCompile(`^prd_[0-9a-f]{24}$`)

func message(err error) string { m, _ := apperr.Safe(err); return m }
