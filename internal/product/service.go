package product

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
)

// Lists gives the control list in service (controllist.Service does).
type Lists interface {
	List() *controllist.List
}

// Service is the registry's use cases; each checks the caller's permission.
type Service struct {
	Store Store
	// Lists gives the control list classifications are read against.
	Lists Lists
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}

// newID returns a random product identifier: 96 bits, so that identifiers
// cannot be guessed or counted.
func newID() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails (crypto/rand)
	return "prd_" + hex.EncodeToString(b)
}

// Create adds a product to the caller's organisation.
func (s *Service) Create(ctx context.Context, actor auth.Principal, d Details) (_ Product, err error) {
	defer apperr.Wrap(&err, "product.Create")
	if err := auth.Authorize(actor, auth.WriteProduct, auth.Resource{OrgID: actor.OrgID}); err != nil {
		return Product{}, err
	}
	if d, err = d.normalize(); err != nil {
		return Product{}, err
	}
	if err := d.Validate(); err != nil {
		return Product{}, err
	}
	now := s.now()
	p := Product{OrgID: actor.OrgID, Created: now, Updated: now}
	p.ID, p.Name, p.Description, p.Parameters = newID(), d.Name, d.Description, d.Parameters
	ev := actor.Event(ctx, p.OrgID, "product.create", "product", p.ID, fmt.Sprintf("created product %q", p.Name))
	if err := s.Store.CreateProduct(ctx, &p, ev); err != nil {
		return Product{}, err
	}
	return p, nil
}

// load returns a product the caller may act on. A product that does not
// exist and one of another organisation give the same answer.
func (s *Service) load(ctx context.Context, actor auth.Principal, a auth.Action, id string) (Product, error) {
	notFound := func() error {
		if err := auth.Authorize(actor, a, auth.Resource{OrgID: -1}); err != nil {
			return err
		}
		return apperr.New(apperr.NotFound, "product not found")
	}
	if !idPattern.MatchString(id) {
		return Product{}, notFound()
	}
	ps, err := s.Store.Products(ctx, Filter{ID: id})
	if err != nil {
		return Product{}, err
	}
	if len(ps) == 0 {
		return Product{}, notFound()
	}
	if err := auth.Authorize(actor, a, ps[0].Resource()); err != nil {
		return Product{}, err
	}
	return ps[0], nil
}

// Writable returns a product the caller may edit and classify: transports
// call it before reading a request body, so that a caller without the right
// learns nothing from validation messages.
func (s *Service) Writable(ctx context.Context, actor auth.Principal, id string) (Product, error) {
	return s.load(ctx, actor, auth.WriteProduct, id)
}

// Update replaces a product's name, description and parameters.
func (s *Service) Update(ctx context.Context, actor auth.Principal, id string, d Details) (_ Product, err error) {
	defer apperr.Wrap(&err, "product.Update")
	p, err := s.load(ctx, actor, auth.WriteProduct, id)
	if err != nil {
		return Product{}, err
	}
	if d, err = d.normalize(); err != nil {
		return Product{}, err
	}
	if err := d.Validate(); err != nil {
		return Product{}, err
	}
	p.Name, p.Description, p.Parameters, p.Updated = d.Name, d.Description, d.Parameters, s.now()
	ev := actor.Event(ctx, p.OrgID, "product.update", "product", p.ID, fmt.Sprintf("edited product %q", p.Name))
	if err := s.Store.UpdateProduct(ctx, p, ev); err != nil {
		return Product{}, err
	}
	return p, nil
}

// Get returns one product with its classification history and tasks.
func (s *Service) Get(ctx context.Context, actor auth.Principal, id string) (_ Detail, err error) {
	defer apperr.Wrap(&err, "product.Get")
	p, err := s.load(ctx, actor, auth.ReadProduct, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Product: p}
	if d.History, err = s.Store.Classifications(ctx, p.ID); err != nil {
		return Detail{}, err
	}
	if d.Tasks, err = s.Store.Tasks(ctx, Filter{ID: p.ID}); err != nil {
		return Detail{}, err
	}
	return d, nil
}

// scope returns the filter that keeps what the caller may read.
func scope(actor auth.Principal) (Filter, error) {
	if err := auth.Authorize(actor, auth.ReadProduct, auth.Resource{OrgID: actor.OrgID, State: actor.State}); err != nil {
		return Filter{}, err
	}
	switch auth.ScopeOf(actor, auth.ReadProduct) {
	case auth.Any:
		return Filter{}, nil
	case auth.OwnState:
		if actor.State == "" { // an empty state must never mean "every state"
			return Filter{OrgID: actor.OrgID}, nil
		}
		return Filter{State: actor.State}, nil
	}
	return Filter{OrgID: actor.OrgID}, nil
}

// List returns the products the caller may read, by name.
func (s *Service) List(ctx context.Context, actor auth.Principal) ([]Product, error) {
	f, err := scope(actor)
	if err != nil {
		return nil, err
	}
	return s.Store.Products(ctx, f)
}

// Tasks returns the re-classification tasks of the products the caller may
// read: only the open ones when openOnly is set.
func (s *Service) Tasks(ctx context.Context, actor auth.Principal, openOnly bool) ([]Task, error) {
	f, err := scope(actor)
	if err != nil {
		return nil, err
	}
	f.OpenOnly = openOnly
	return s.Store.Tasks(ctx, f)
}

// Classify records the caller's classification of a product against the
// control list in service and closes the product's open tasks that asked
// for a classification against this version. For an entry code the
// cyber-surveillance flag is the list's; for "not-listed" it is the Art.
// 2(20) assessment's result.
func (s *Service) Classify(ctx context.Context, actor auth.Principal, id string, req ClassifyRequest) (_ controllist.Classification, err error) {
	defer apperr.Wrap(&err, "product.Classify")
	p, err := s.load(ctx, actor, auth.WriteProduct, id)
	if err != nil {
		return controllist.Classification{}, err
	}
	if err := req.Validate(); err != nil {
		return controllist.Classification{}, err
	}
	list := s.Lists.List()
	c, err := classification(list, actor, req, s.now())
	if err != nil {
		return controllist.Classification{}, err
	}
	open, err := s.Store.Tasks(ctx, Filter{ID: p.ID, OpenOnly: true})
	if err != nil {
		return controllist.Classification{}, err
	}
	var closes []TaskClose
	for _, t := range open {
		if t.NewVersion == c.ListVersion {
			closes = append(closes, TaskClose{TaskID: t.ID, Event: actor.Event(ctx, p.OrgID, "reclassification_task.close", "reclassification_task", fmt.Sprint(t.ID),
				fmt.Sprintf("closed: %q classified as %s against %s", p.Name, c.Code, c.ListVersion))})
		}
	}
	ev := actor.Event(ctx, p.OrgID, "product.classify", "product", p.ID, fmt.Sprintf("classified %q as %s against %s", p.Name, c.Code, c.ListVersion))
	if err := s.Store.AddClassification(ctx, p.ID, c, ev, closes); err != nil {
		return controllist.Classification{}, err
	}
	return c, nil
}

// classification builds the caller's classification from a request and
// checks it against the list.
func classification(list *controllist.List, actor auth.Principal, req ClassifyRequest, at time.Time) (controllist.Classification, error) {
	c := controllist.Classification{
		Code: controllist.NormalizeCode(req.Code), ListVersion: req.ListVersion, Rationale: req.Rationale,
		Classifier: actor.Email, ClassifiedAt: at,
	}
	if c.ListVersion == "" {
		c.ListVersion = list.Version.ID
	}
	switch {
	case c.NotListed() && req.Assessment != nil:
		a := *req.Assessment
		if a.Assessor != "" && a.Assessor != actor.Email {
			return c, apperr.Field(apperr.Invalid, AssessmentPrefix+"assessor", "is the signed-in user; leave it out")
		}
		a.Assessor = actor.Email
		c.Assessment, c.CyberSurveillance = &a, a.CyberSurveillance()
	case !c.NotListed():
		c.Assessment = req.Assessment // refused by CheckAgainst: listed items take no assessment
		if e, err := list.Entry(c.Code); err == nil {
			if e.NotUsed {
				return c, apperr.Field(apperr.Invalid, "code", "%s is not used in %s; choose another entry", e.Code, list.Version.ID)
			}
			c.CyberSurveillance = e.CyberSurveillance
		}
	}
	if err := c.CheckAgainst(list); err != nil {
		// An unknown code is a wrong input here, not a missing page.
		if msg, field := apperr.Safe(err); apperr.Is(err, apperr.NotFound) {
			return c, apperr.Field(apperr.Invalid, field, "%s", msg)
		}
		return c, err
	}
	return c, nil
}

// Reclassify opens a re-classification task for every product whose current
// classification, read against the diff's old version, is under an entry
// the diff shows changed or removed (domain.md §7.3 rule 13). A product that
// already has a task for the new version gets no second one, so running it
// again opens nothing. It returns the tasks it opened.
func (s *Service) Reclassify(ctx context.Context, actor auth.Principal, d controllist.ListDiff) (_ []Task, err error) {
	defer apperr.Wrap(&err, "product.Reclassify(%s → %s)", d.OldVersion, d.NewVersion)
	if err := auth.Authorize(actor, auth.ReclassifyProducts, auth.Resource{}); err != nil {
		return nil, err
	}
	ps, err := s.Store.Products(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Product, len(ps))
	cps := make([]controllist.Product, 0, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
		cps = append(cps, p.Product)
	}
	var tasks []*Task
	var evs []audit.Event
	now := s.now()
	for _, rt := range d.ReclassificationTasks(cps) {
		if err := rt.Validate(); err != nil {
			return nil, err
		}
		p := byID[rt.ProductID]
		tasks = append(tasks, &Task{ReclassificationTask: rt, ProductName: p.Name, OrgID: p.OrgID, State: p.State, Created: now})
		evs = append(evs, actor.Event(ctx, p.OrgID, "reclassification_task.open", "reclassification_task", "",
			fmt.Sprintf("opened for %q (%s): %s %s in %s", p.Name, p.ID, rt.ChangedCode, rt.Reason, rt.NewVersion)))
	}
	if _, err := s.Store.CreateTasks(ctx, tasks, evs); err != nil {
		return nil, err
	}
	var out []Task
	for _, t := range tasks {
		if t.ID != 0 {
			out = append(out, *t)
		}
	}
	return out, nil
}
