package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/product"
	"github.com/dualuse/dualuse/internal/store"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

var (
	annexOnce sync.Once
	annexI    *controllist.List
	annexErr  error
)

// fixedList serves one list version.
type fixedList struct{ l *controllist.List }

func (f fixedList) List() *controllist.List { return f.l }

func loadAnnexI(t *testing.T) *controllist.List {
	t.Helper()
	dir := datatest.Dir(t)
	annexOnce.Do(func() { annexI, annexErr = controllist.LoadEUAnnexI(dir) })
	if annexErr != nil {
		t.Fatal(annexErr)
	}
	return annexI
}

// wantErr fails unless err is of the kind and names the field.
func wantErr(t *testing.T, what string, err error, kind apperr.Kind, field string) {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != kind || e.Field != field {
		t.Errorf("%s: %v, want %s on %q", what, err, kind, field)
	}
}

// TestProductRegistry runs the product registry's contract, through its
// service, on every engine.
func TestProductRegistry(t *testing.T) {
	list := loadAnnexI(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		accounts := newService(t, db)
		sys := auth.System()
		for _, o := range []account.Organisation{
			{Kind: account.KindExporter, Name: "Acme Vision GmbH", Country: "DE"},
			{Kind: account.KindExporter, Name: "Polder Net B.V.", Country: "NL"},
		} {
			if _, err := accounts.CreateOrg(ctx, sys, o); err != nil {
				t.Fatal(err)
			}
		}
		user := func(email, role, org, state string) auth.Principal {
			u, err := accounts.CreateUser(ctx, sys, account.NewUser{Email: email, Role: role, Org: org, State: state, Password: "a long enough password"})
			if err != nil {
				t.Fatal(err)
			}
			return u.Principal()
		}
		alice := user("alice@acme.example", "exporter", "Acme Vision GmbH", "")
		piet := user("piet@polder.example", "exporter", "Polder Net B.V.", "")
		bob := user("bob@bafa.example", "officer", "", "DE")
		nl := user("officer@cdiu.example", "officer", "", "NL")
		eve := user("eve@commission.example", "commission", "", "")
		s := &product.Service{Store: db, Lists: fixedList{list}}

		probe, err := s.Create(ctx, alice, product.Details{Name: " IP probe ", Description: "Carrier-class probe\nthat indexes metadata.",
			Parameters: map[string]string{"Throughput": "100 Gbit/s", " Selectors ": "e-mail, phone"}})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("create and read back", func(t *testing.T) {
			d, err := s.Get(ctx, alice, probe.ID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Name != "IP probe" || d.OrgName != "Acme Vision GmbH" || d.State != "DE" || d.Parameters["Selectors"] != "e-mail, phone" ||
				len(d.Parameters) != 2 || d.Classification != nil || len(d.History) != 0 || !d.Created.Equal(probe.Created) {
				t.Errorf("Get = %+v", d)
			}
			if !strings.HasPrefix(probe.ID, "prd_") || len(probe.ID) != 28 {
				t.Errorf("id %q", probe.ID)
			}
		})

		t.Run("who may read", func(t *testing.T) {
			for _, tc := range []struct {
				who  string
				p    auth.Principal
				want apperr.Kind
			}{
				{"owner", alice, ""},
				{"officer of the exporter's state", bob, ""},
				{"admin", sys, ""},
				{"other exporter", piet, apperr.NotFound},
				{"officer of another state", nl, apperr.NotFound},
				{"commission", eve, apperr.Forbidden},
				{"anonymous", auth.Principal{}, apperr.Unauthenticated},
			} {
				if _, err := s.Get(ctx, tc.p, probe.ID); apperr.KindOf(err) != tc.want {
					t.Errorf("%s: %v, want %q", tc.who, err, tc.want)
				}
			}
			// Guessed and malformed identifiers answer the same.
			for _, id := range []string{"prd_000000000000000000000000", "1", "../x", ""} {
				if _, err := s.Get(ctx, alice, id); !apperr.Is(err, apperr.NotFound) {
					t.Errorf("Get(%q): %v", id, err)
				}
				if _, err := s.Get(ctx, sys, id); !apperr.Is(err, apperr.NotFound) {
					t.Errorf("admin Get(%q): %v", id, err)
				}
			}
		})

		other, err := s.Create(ctx, piet, product.Details{Name: "Lawful intercept gateway", Description: "Mediation device."})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("lists are scoped", func(t *testing.T) {
			for _, tc := range []struct {
				who  string
				p    auth.Principal
				want []string
			}{
				{"alice", alice, []string{probe.ID}},
				{"piet", piet, []string{other.ID}},
				{"DE officer", bob, []string{probe.ID}},
				{"admin", sys, []string{probe.ID, other.ID}},
			} {
				ps, err := s.List(ctx, tc.p)
				var got []string
				for _, p := range ps {
					got = append(got, p.ID)
				}
				if err != nil || strings.Join(got, " ") != strings.Join(tc.want, " ") {
					t.Errorf("%s lists %v (err %v), want %v", tc.who, got, err, tc.want)
				}
			}
			if _, err := s.List(ctx, eve); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("commission lists: %v", err)
			}
		})

		t.Run("who may write", func(t *testing.T) {
			d := product.Details{Name: "Renamed", Description: "d"}
			if _, err := s.Update(ctx, piet, probe.ID, d); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("other exporter edits: %v", err)
			}
			for _, p := range []auth.Principal{bob, sys, eve} {
				if _, err := s.Update(ctx, p, probe.ID, d); !apperr.Is(err, apperr.Forbidden) {
					t.Errorf("%s edits: %v", p.Role, err)
				}
				if _, err := s.Create(ctx, p, d); !apperr.Is(err, apperr.Forbidden) {
					t.Errorf("%s creates: %v", p.Role, err)
				}
			}
			if _, err := s.Classify(ctx, bob, probe.ID, product.ClassifyRequest{Code: "5A001.j", Rationale: "r"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("officer classifies: %v", err)
			}
		})

		t.Run("bad input writes nothing", func(t *testing.T) {
			before, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			long := strings.Repeat("x", product.MaxParamValue+1)
			for _, tc := range []struct {
				d     product.Details
				field string
			}{
				{product.Details{Description: "d"}, "name"},
				{product.Details{Name: strings.Repeat("n", product.MaxName+1), Description: "d"}, "name"},
				{product.Details{Name: "a\x00b", Description: "d"}, "name"},
				{product.Details{Name: "n", Description: " "}, "description"},
				{product.Details{Name: "n", Description: "d", Parameters: map[string]string{"power": long}}, "parameters"},
				{product.Details{Name: "n", Description: "d", Parameters: map[string]string{"": "1 W"}}, "parameters"},
				{product.Details{Name: "n", Description: "d", Parameters: map[string]string{"a": "1", " a": "2"}}, "parameters"},
			} {
				_, err := s.Create(ctx, alice, tc.d)
				wantErr(t, "Create "+tc.field, err, apperr.Invalid, tc.field)
			}
			full := controllist.Art220Assessment{SpeciallyDesigned: true, SpeciallyReason: "r", Covert: true, CovertReason: "r",
				NaturalPersons: true, NaturalPersonsReason: "r", ICTData: true, ICTDataReason: "r"}
			noCovert := full
			noCovert.CovertReason = ""
			for _, tc := range []struct {
				req   product.ClassifyRequest
				field string
			}{
				{product.ClassifyRequest{Rationale: "r"}, "code"},
				{product.ClassifyRequest{Code: "5A001.j"}, "rationale"},
				{product.ClassifyRequest{Code: "5A001.q", Rationale: "r"}, "code"},
				{product.ClassifyRequest{Code: "XYZ", Rationale: "r"}, "code"},
				{product.ClassifyRequest{Code: "5A001.j", Rationale: "r", ListVersion: "eu-annex-i/1999-01"}, "list_version"},
				{product.ClassifyRequest{Code: "5A001.j", Rationale: "r", Assessment: &full}, "art_2_20_assessment"},
				{product.ClassifyRequest{Code: "not-listed", Rationale: "r"}, "art_2_20_assessment"},
				{product.ClassifyRequest{Code: "not-listed", Rationale: "r", Assessment: &noCovert}, "art_2_20_assessment.covert_reason"},
				{product.ClassifyRequest{Code: "5A001.j", Rationale: strings.Repeat("r", product.MaxRationale+1)}, "rationale"},
			} {
				_, err := s.Classify(ctx, alice, probe.ID, tc.req)
				wantErr(t, "Classify "+tc.req.Code+" "+tc.field, err, apperr.Invalid, tc.field)
			}
			if after, err := db.VerifyAudit(ctx); err != nil || after != before {
				t.Errorf("audit events %d -> %d (err %v)", before, after, err)
			}
		})

		t.Run("edit", func(t *testing.T) {
			p, err := s.Update(ctx, alice, probe.ID, product.Details{Name: "IP probe v2", Description: "d2"})
			if err != nil {
				t.Fatal(err)
			}
			d, err := s.Get(ctx, bob, probe.ID)
			if err != nil || d.Name != "IP probe v2" || d.Parameters != nil || !d.Updated.Equal(p.Updated) {
				t.Errorf("after edit: %+v (err %v)", d, err)
			}
		})

		t.Run("classification history", func(t *testing.T) {
			listed, err := s.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "5a001.J.", Rationale: "Carrier-class IP interception with hard selectors."})
			if err != nil {
				t.Fatal(err)
			}
			if listed.Code != "5A001.j" || !listed.CyberSurveillance || listed.Classifier != alice.Email || listed.ListVersion != list.Version.ID {
				t.Errorf("listed = %+v", listed)
			}
			yes := controllist.Art220Assessment{SpeciallyDesigned: true, SpeciallyReason: "built for it", Covert: true, CovertReason: "silent",
				NaturalPersons: true, NaturalPersonsReason: "people", ICTData: true, ICTDataReason: "network data"}
			unlisted, err := s.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "not-listed", Rationale: "Below the 5A001.j thresholds.", Assessment: &yes})
			if err != nil {
				t.Fatal(err)
			}
			if !unlisted.CyberSurveillance || unlisted.Assessment.Assessor != alice.Email {
				t.Errorf("unlisted = %+v", unlisted)
			}
			no := yes
			no.Covert = false
			if c, err := s.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "not-listed", Rationale: "Overt use only.", Assessment: &no}); err != nil || c.CyberSurveillance {
				t.Errorf("three of four elements: %+v, %v", c, err)
			}
			d, err := s.Get(ctx, alice, probe.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.History) != 3 || d.History[0].Rationale != "Overt use only." || d.History[2].Code != "5A001.j" ||
				d.History[1].Assessment == nil || *d.History[1].Assessment != *unlisted.Assessment || !d.History[1].ClassifiedAt.Equal(unlisted.ClassifiedAt) {
				t.Errorf("history = %+v", d.History)
			}
			if d.Classification == nil || d.Classification.Rationale != "Overt use only." || d.Classification.CyberSurveillance {
				t.Errorf("current = %+v", d.Classification)
			}
			if d.History[2].Assessment != nil {
				t.Errorf("listed classification has an assessment: %+v", d.History[2].Assessment)
			}
		})

		t.Run("re-classification tasks", func(t *testing.T) {
			if _, err := s.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "5A001.j", Rationale: "back to listed"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Classify(ctx, piet, other.ID, product.ClassifyRequest{Code: "5A002.a", Rationale: "encrypts"}); err != nil {
				t.Fatal(err)
			}
			newer := *list
			newer.Version.ID = "eu-annex-i/2099-01"
			diff := controllist.ListDiff{OldVersion: list.Version.ID, NewVersion: newer.Version.ID,
				Changed: []controllist.Change{{Code: "5A001.j", Kind: "changed", TextDiff: "[-old-] {+new+}"}}}
			if _, err := s.Reclassify(ctx, alice, diff); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("exporter opens tasks: %v", err)
			}
			tasks, err := s.Reclassify(ctx, sys, diff)
			if err != nil {
				t.Fatal(err)
			}
			if len(tasks) != 1 || tasks[0].ProductID != probe.ID || tasks[0].ID == 0 || tasks[0].Reason != "changed" || tasks[0].ProductName != "IP probe v2" {
				t.Fatalf("tasks = %+v", tasks)
			}
			if again, err := s.Reclassify(ctx, sys, diff); err != nil || len(again) != 0 {
				t.Errorf("second run opened %+v (err %v)", again, err)
			}
			for _, tc := range []struct {
				who  string
				p    auth.Principal
				want int
			}{{"alice", alice, 1}, {"piet", piet, 0}, {"DE officer", bob, 1}, {"NL officer", nl, 0}, {"admin", sys, 1}} {
				if ts, err := s.Tasks(ctx, tc.p, true); err != nil || len(ts) != tc.want {
					t.Errorf("%s sees %d open tasks (err %v), want %d", tc.who, len(ts), err, tc.want)
				}
			}
			if _, err := s.Tasks(ctx, eve, true); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("commission lists tasks: %v", err)
			}
			// Classified again against the old version: still open.
			if _, err := s.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "5A001.j", Rationale: "unchanged"}); err != nil {
				t.Fatal(err)
			}
			if ts, _ := s.Tasks(ctx, alice, true); len(ts) != 1 {
				t.Errorf("task closed by a classification against the old version")
			}
			// Against the new version: closed.
			later := &product.Service{Store: db, Lists: fixedList{&newer}}
			if _, err := later.Classify(ctx, alice, probe.ID, product.ClassifyRequest{Code: "5A001.j", Rationale: "checked the new text"}); err != nil {
				t.Fatal(err)
			}
			if ts, _ := s.Tasks(ctx, alice, true); len(ts) != 0 {
				t.Errorf("open tasks after re-classification: %+v", ts)
			}
			all, err := s.Tasks(ctx, alice, false)
			if err != nil || len(all) != 1 || all[0].Open() || all[0].ClosedBy != alice.Email || all[0].TextDiff != "[-old-] {+new+}" {
				t.Errorf("closed task = %+v (err %v)", all, err)
			}
			d, _ := s.Get(ctx, alice, probe.ID)
			if len(d.Tasks) != 1 || d.Tasks[0].Open() {
				t.Errorf("product's tasks = %+v", d.Tasks)
			}
			hist, err := db.AuditHistory(ctx, "reclassification_task", itoa(tasks[0].ID))
			if err != nil || len(hist) != 2 || hist[0].Action != "reclassification_task.open" || hist[1].Action != "reclassification_task.close" {
				t.Errorf("task audit history = %+v (err %v)", hist, err)
			}
		})

		t.Run("audit", func(t *testing.T) {
			hist, err := db.AuditHistory(ctx, "product", probe.ID)
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range hist {
				actions = append(actions, e.Action)
				if e.OrgID != probe.OrgID || e.ActorEmail != alice.Email {
					t.Errorf("event %+v", e)
				}
			}
			if len(actions) < 4 || actions[0] != "product.create" || actions[1] != "product.update" || actions[2] != "product.classify" {
				t.Errorf("product events = %v", actions)
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Error(err)
			}
		})
	})
}
