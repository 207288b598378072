// Package determination answers the exporter's question "do I need a
// licence?" for one item and destination, following the rules of domain.md
// §7.3 (1–4) on Regulation (EU) 2021/821: Annex I items need an authorisation
// unless a Union general export authorisation (Annex II) covers item,
// destination and conditions; unlisted items need one when the exporter was
// informed, and must be notified when the exporter is aware, of a catch-all
// end use (Arts. 4, 5). Arms-embargoed destinations and parties hit by
// screening are flagged. Every ground names its legal basis; where the data
// cannot settle a point the result says so and asks for a check.
package determination

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/country"
)

// NotListed is the Request.Item value for an item not in Annex I.
const NotListed = "not-listed"

// EndUserType is the kind of end user.
type EndUserType string

// The end-user types a request may give.
const (
	EndUserUnknown      EndUserType = ""
	EndUserGovernment   EndUserType = "government"
	EndUserPolice       EndUserType = "police"
	EndUserIntelligence EndUserType = "intelligence"
	EndUserMilitary     EndUserType = "military"
	EndUserCommercial   EndUserType = "commercial"
	EndUserIndividual   EndUserType = "individual"
)

// EndUserTypes lists the valid end-user types.
var EndUserTypes = []EndUserType{EndUserGovernment, EndUserPolice, EndUserIntelligence,
	EndUserMilitary, EndUserCommercial, EndUserIndividual}

// securityService reports whether the end user is a military, police or
// intelligence service (Annex II EU007/EU008 Part 3).
func (t EndUserType) securityService() bool {
	return t == EndUserPolice || t == EndUserIntelligence || t == EndUserMilitary
}

// Operation is the kind of export, which decides whether the
// situation-bound Union general authorisations can apply.
type Operation string

// The operations a request may give.
const (
	OpExport       Operation = ""                    // a plain export
	OpRepairReturn Operation = "return-after-repair" // EU003: return after repair or replacement
	OpExhibition   Operation = "exhibition"          // EU004: temporary export to an exhibition or fair
	OpIntraGroup   Operation = "intra-group"         // EU007: software/technology to group companies
)

// Operations lists the valid operations other than a plain export.
var Operations = []Operation{OpRepairReturn, OpExhibition, OpIntraGroup}

// situation names the operation a situation-bound authorisation is for,
// and what it requires, or "" for authorisations that fit any export.
func situation(au Authorisation) (Operation, string) {
	switch {
	case au.Items.Covered.Scope == "all_annex_i_repair_return":
		return OpRepairReturn, "returning items after repair or replacement within 5 years of the original authorisation (Part 1)"
	case au.Items.Covered.Scope == "all_annex_i_software_and_technology":
		return OpIntraGroup, "intra-group export of software and technology for commercial product development, with an ICP (Part 3)"
	case au.ID == "EU004":
		return OpExhibition, "temporary export to an exhibition or fair with re-import within 120 days (Part 3)"
	}
	return OpExport, ""
}

// Request is one "do I need a licence?" question about an export.
type Request struct {
	// Item is an Annex I code ("5A001.j") or NotListed.
	Item string `json:"item"`
	// CyberSurveillance is the exporter's Art. 2(20) finding for an
	// unlisted item: specially designed for covert surveillance of natural
	// persons by monitoring, extracting, collecting or analysing data from
	// ICT systems. Listed items take the flag from the list.
	CyberSurveillance bool `json:"cyber_surveillance"`
	// Destination is the country of final destination, ISO 3166 alpha-2.
	Destination string `json:"destination"`
	// EndUserType is the kind of end user, if known.
	EndUserType EndUserType `json:"end_user_type,omitempty"`
	// Operation is the kind of export; empty for a plain export.
	Operation Operation `json:"operation,omitempty"`
	// Informed: the competent authority has informed the exporter that the
	// items are or may be intended for a catch-all end use (Arts. 4(1),
	// 5(1)).
	Informed bool `json:"informed"`
	// Aware: the exporter's due diligence shows it is aware of such an end
	// use (Arts. 4(2), 5(2)).
	Aware bool `json:"aware"`
	// ScreeningHits are the parties of the transaction that screening
	// matched against sanctions or denial lists, unresolved.
	ScreeningHits []string `json:"screening_hits,omitempty"`
}

// Ground is one reason in the result, with its legal basis.
type Ground struct {
	Basis       string `json:"basis"`
	Explanation string `json:"explanation"`
}

// GeneralAuthorisation is the verdict on one Union general export
// authorisation.
type GeneralAuthorisation struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Usable bool   `json:"usable"`
	Why    string `json:"why"`
	// Conditions are the obligations and conditions to meet when using it.
	Conditions []string `json:"conditions,omitempty"`
}

// Result is the answer.
type Result struct {
	LicenceRequired       bool                   `json:"licence_required"`
	NotificationRequired  bool                   `json:"notification_required"`
	Grounds               []Ground               `json:"grounds"`
	GeneralAuthorisations []GeneralAuthorisation `json:"general_authorisations"`
	NextSteps             []string               `json:"next_steps"`
	// Checks are points the data could not settle: they need a human check
	// before relying on the result.
	Checks []string `json:"checks"`
	// ExportHeld: the export must wait (an Art. 4(2)/5(2) notification is
	// pending, or a screening hit is unresolved).
	ExportHeld bool `json:"export_held"`
	// ArmsEmbargo: the destination is under an EU or UN arms embargo or
	// related regime.
	ArmsEmbargo       bool   `json:"arms_embargo"`
	Item              string `json:"item"`
	ItemHeading       string `json:"item_heading,omitempty"`
	CyberSurveillance bool   `json:"cyber_surveillance"`
	Destination       string `json:"destination"`
	DestinationName   string `json:"destination_name"`
	ListVersion       string `json:"list_version"`
}

// Determiner holds the data Determine needs. It is immutable and safe for
// concurrent use.
type Determiner struct {
	list      *controllist.List
	annex     *AnnexII
	embargoes *country.Embargoes
	countries *country.Registry
}

// New returns a Determiner over the given data.
func New(list *controllist.List, annex *AnnexII, embargoes *country.Embargoes, countries *country.Registry) *Determiner {
	return &Determiner{list: list, annex: annex, embargoes: embargoes, countries: countries}
}

// Load reads the EU Annex I, Annex II, the embargo table and the country
// registry from the reference data folder.
func Load(dataDir string) (*Determiner, error) {
	list, err := controllist.LoadEUAnnexI(dataDir)
	if err != nil {
		return nil, err
	}
	annex, err := LoadAnnexII(dataDir)
	if err != nil {
		return nil, err
	}
	emb, err := country.LoadEmbargoes(dataDir)
	if err != nil {
		return nil, err
	}
	reg, err := country.Load(dataDir)
	if err != nil {
		return nil, err
	}
	return New(list, annex, emb, reg), nil
}

// Legal bases cited by the rules.
const (
	basisArt3    = "Art. 3(1) Regulation (EU) 2021/821"
	basisArt4_1  = "Art. 4(1) Regulation (EU) 2021/821"
	basisArt4_2  = "Art. 4(2) Regulation (EU) 2021/821"
	basisArt5_1  = "Art. 5(1) Regulation (EU) 2021/821"
	basisArt5_2  = "Art. 5(2) Regulation (EU) 2021/821"
	basisArt11   = "Art. 11(1) and Annex IV Regulation (EU) 2021/821"
	basisAnnexII = "Art. 12(1)(d) and Annex II Regulation (EU) 2021/821"
	basisRec2024 = "Art. 5(2) Regulation (EU) 2021/821; Commission Recommendation (EU) 2024/2659"
	basisArt4_1b = "Art. 4(1)(b) Regulation (EU) 2021/821 (arms embargo)"
	basisSanct   = "Art. 15(1)(b) Regulation (EU) 2021/821; EU restrictive measures"
)

// Determine applies the rules to a request. Bad input (unknown entry code or
// country, unknown end-user type) gives an apperr Invalid or NotFound error
// listing the closest valid values.
func (d *Determiner) Determine(req Request) (res Result, err error) {
	defer apperr.Wrap(&err, "determination.Determine(%s → %s)", req.Item, req.Destination)
	dest, err := d.countries.Lookup(req.Destination)
	if err != nil {
		msg, _ := apperr.Safe(err)
		return Result{}, &apperr.Error{Kind: apperr.Invalid, Field: "destination", Message: msg}
	}
	if req.Operation != OpExport && !slices.Contains(Operations, req.Operation) {
		return Result{}, apperr.Field(apperr.Invalid, "operation", "unknown operation %q; valid: return-after-repair, exhibition, intra-group (or none for a plain export)", req.Operation)
	}
	if req.EndUserType != EndUserUnknown && !slices.Contains(EndUserTypes, req.EndUserType) {
		return Result{}, apperr.Field(apperr.Invalid, "end_user_type", "unknown end-user type %q; valid: %s", req.EndUserType, joinTypes())
	}
	res = Result{Destination: dest.Alpha2, DestinationName: dest.Name, ListVersion: d.list.Version.ID,
		Grounds: []Ground{}, GeneralAuthorisations: []GeneralAuthorisation{}, NextSteps: []string{}, Checks: []string{}}

	var entry *controllist.Entry
	item := strings.TrimSpace(req.Item)
	if strings.EqualFold(item, NotListed) || item == "" {
		if item == "" {
			return Result{}, apperr.Field(apperr.Invalid, "item", "give an Annex I code or %q", NotListed)
		}
		res.Item = NotListed
		res.CyberSurveillance = req.CyberSurveillance
	} else {
		entry, err = d.list.Entry(item)
		if err != nil {
			msg, _ := apperr.Safe(err)
			return Result{}, &apperr.Error{Kind: apperr.KindOf(err), Field: "item", Message: msg}
		}
		res.Item, res.ItemHeading = entry.Code, entry.Heading
		res.CyberSurveillance = entry.CyberSurveillance
	}

	if dest.EU {
		d.intraEU(&res, entry)
		d.screening(&res, req)
		return res, nil
	}
	if entry != nil {
		d.listed(&res, req, entry, dest)
	} else {
		d.unlisted(&res, req)
	}
	d.embargo(&res, req, entry, dest)
	d.screening(&res, req)
	d.endUser(&res, req)
	return res, nil
}

func joinTypes() string {
	s := make([]string, len(EndUserTypes))
	for i, t := range EndUserTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func (r *Result) ground(basis, format string, args ...any) {
	r.Grounds = append(r.Grounds, Ground{Basis: basis, Explanation: fmt.Sprintf(format, args...)})
}

func (r *Result) step(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if !slices.Contains(r.NextSteps, s) {
		r.NextSteps = append(r.NextSteps, s)
	}
}

func (r *Result) check(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if !slices.Contains(r.Checks, s) {
		r.Checks = append(r.Checks, s)
	}
}

// intraEU handles a destination inside the Union: a transfer, not an export.
func (d *Determiner) intraEU(res *Result, entry *controllist.Entry) {
	for _, au := range d.annex.Authorisations {
		res.GeneralAuthorisations = append(res.GeneralAuthorisations, GeneralAuthorisation{ID: au.ID, Title: au.Title,
			Why: "not needed: a transfer within the Union is not an export"})
	}
	if entry == nil {
		res.ground(basisArt11, "%s is a Member State: a transfer within the Union needs an authorisation only for Annex IV items, and an unlisted item is not one", res.DestinationName)
		res.step("No licence is needed under Regulation (EU) 2021/821 for this transfer; check national measures of the Member State of dispatch (Art. 11(5))")
		return
	}
	if ref, ok := d.annex.InAnnexIV(entry.Code); ok {
		res.LicenceRequired = true
		res.ground(basisArt11, "%s is in Annex IV (%s): its transfer to %s, a Member State, needs a transfer authorisation", entry.Code, ref, res.DestinationName)
		res.step("Apply for an intra-Union transfer authorisation to the competent authority of the Member State of dispatch")
		if !d.annex.AnnexIV.Verified {
			res.check("Annex IV data is marked unverified: confirm %s against the Official Journal text", entry.Code)
		}
		return
	}
	res.ground(basisArt11, "%s is not in Annex IV: its transfer to %s, a Member State, needs no authorisation; commercial documents must state that the item is controlled", entry.Code, res.DestinationName)
	res.step("State in the commercial documents that %s is subject to controls if exported from the Union", entry.Code)
}

// listed applies rules 1 and 2 to an Annex I item.
func (d *Determiner) listed(res *Result, req Request, entry *controllist.Entry, dest country.Country) {
	res.LicenceRequired = true
	for _, au := range d.annex.Authorisations {
		ga := d.assess(au, req, entry, dest)
		res.GeneralAuthorisations = append(res.GeneralAuthorisations, ga)
		if ga.Usable {
			res.LicenceRequired = false
		}
	}
	if res.LicenceRequired {
		res.ground(basisArt3, "%s is listed in Annex I (%s); no Union general export authorisation covers this item, destination and situation, so an individual or global authorisation is needed", entry.Code, d.list.Version.ID)
		res.step("Apply to the competent authority of the Member State where you are established for an individual or global export authorisation for %s to %s", entry.Code, res.DestinationName)
		res.step("Check whether your Member State has a national general export authorisation (Art. 12(6)) for this item and destination: national authorisations are not in the data")
	} else {
		var ids []string
		for _, ga := range res.GeneralAuthorisations {
			if ga.Usable {
				ids = append(ids, ga.ID)
			}
		}
		res.ground(basisAnnexII, "%s is listed in Annex I, but Union general export authorisation %s covers the item and %s: no individual licence is needed if its conditions are met", entry.Code, strings.Join(ids, ", "), res.DestinationName)
		res.step("Use %s: meet its conditions (registration, notification of first use, customs declaration wording) listed under general_authorisations", strings.Join(ids, " or "))
	}
	if req.Informed || req.Aware {
		res.ground(basisArt4_1, "you were informed of, or are aware of, a catch-all end use: no general export authorisation may be used (Annex II Part 3)")
	}
	if entry.CyberSurveillance {
		res.ground(basisRec2024, "%s is a listed cyber-surveillance item: apply due diligence on end use and end user (human-rights risk, Art. 15(1)(c) and Common Position 2008/944/CFSP criterion 2)", entry.Code)
		res.step("Record the due-diligence assessment for this cyber-surveillance item before export (Recommendation (EU) 2024/2659 steps 3.1–3.4)")
	}
	if entry.Regime == controllist.RegimeEU {
		res.check("%s is an EU 5xx-series entry added after Annex II was last amended: whether general authorisations cover it is a plain reading of Annex II that no official guidance confirms", entry.Code)
	}
}

// assess decides whether one general authorisation can be used.
func (d *Determiner) assess(au Authorisation, req Request, entry *controllist.Entry, dest country.Country) GeneralAuthorisation {
	ga := GeneralAuthorisation{ID: au.ID, Title: au.Title}
	no := func(format string, args ...any) GeneralAuthorisation {
		ga.Why = fmt.Sprintf(format, args...)
		return ga
	}
	// Item.
	code := entry.Code
	var itemNotes []string
	switch au.Items.Covered.Scope {
	case "listed":
		covered := false
		for _, c := range au.Items.Covered.Codes {
			switch {
			case controllist.Covers(c.Code, code):
				covered = true
				if c.Note != "" {
					itemNotes = append(itemNotes, c.Code+": "+c.Note)
				}
			case controllist.Covers(code, c.Code):
				return no("covers only part of %s (%s): classify the item to its sub-item", code, c.Code)
			}
		}
		if !covered {
			return no("%s is not among the items of %s", code, au.ID)
		}
	case "all_annex_i_software_and_technology":
		if entry.Type != "D" && entry.Type != "E" {
			return no("covers only software and technology (groups D and E); %s is group %s", code, entry.Type)
		}
	}
	for _, ex := range au.Items.Excluded {
		switch ex.Code {
		case "@annex_ii_section_i":
			if ref, ok := d.annex.InSectionI(code); ok {
				return no("%s is excluded: Annex II Section I lists %s", code, ref)
			}
		case "@annex_i_all_D", "@annex_i_all_E":
			if entry.Type == ex.Code[len(ex.Code)-1:] {
				return no("%s excludes all group %s items (%s)", au.ID, entry.Type, ex.Note)
			}
		case "@any_other_annex_i_entry":
			itemNotes = append(itemNotes, "not usable if the item is also controlled by an Annex I entry outside "+au.ID)
		default:
			if controllist.Covers(ex.Code, code) {
				return no("%s is excluded from %s", ex.Code, au.ID)
			}
			if controllist.Covers(code, ex.Code) {
				return no("%s excludes %s, part of %s: classify the item to its sub-item", au.ID, ex.Code, code)
			}
		}
	}
	// Situation-bound authorisations apply only to their operation.
	if op, what := situation(au); op != OpExport && req.Operation != op {
		return no("only for %s; give operation %q to assess it", what, op)
	}
	// Destination.
	if ok, why := d.destinationCovered(au, dest); !ok {
		return no("%s", why)
	}
	// Bars (Annex II Part 3).
	if req.Informed {
		return no("not usable: you were informed of a catch-all end use (Part 3 bar)")
	}
	if req.Aware {
		return no("not usable: you are aware of a catch-all end use (Part 3 bar)")
	}
	for _, c := range au.Conditions {
		if c.ID == "not-government-security-end-user" && req.EndUserType.securityService() {
			return no("not usable: the end user is a %s service (%s)", req.EndUserType, c.Ref)
		}
	}
	if !au.Verified {
		return no("the Annex II data for %s is marked unverified: check the Official Journal text before use", au.ID)
	}
	ga.Usable = true
	ga.Why = fmt.Sprintf("%s covers %s and %s", au.ID, code, dest.Name)
	ga.Conditions = append(ga.Conditions, itemNotes...)
	for _, c := range au.Conditions {
		if c.Kind == "obligation" || c.Kind == "bar" || c.Kind == "precondition" {
			ga.Conditions = append(ga.Conditions, fmt.Sprintf("%s: %s", c.Ref, c.Text))
		}
	}
	if len(itemNotes) > 0 {
		ga.Why += "; only within the limits stated in its item list"
	}
	return ga
}

// destinationCovered decides whether the authorisation's destinations
// include dest.
func (d *Determiner) destinationCovered(au Authorisation, dest country.Country) (bool, string) {
	if au.DestinationsMode == "all_except" {
		ex := au.DestinationsExcluded
		if slices.Contains(ex.EU001, dest.Alpha2) {
			return false, fmt.Sprintf("%s excludes the EU001 destinations, %s among them (Part 2(a))", au.ID, dest.Name)
		}
		for _, x := range ex.Listed {
			if x.ISO2 == dest.Alpha2 || slices.Contains(x.Includes, dest.Alpha2) {
				return false, fmt.Sprintf("%s excludes %s (Part 2(b))", au.ID, x.Name)
			}
		}
		if rows := d.embargoes.For(dest.Alpha2); len(rows) > 0 {
			return false, fmt.Sprintf("%s excludes destinations under an arms embargo or restrictive measures (Part 2(c)); %s: %s", au.ID, dest.Name, rows[0].Regime)
		}
		return true, ""
	}
	for _, x := range au.Destinations {
		if x.ISO2 == dest.Alpha2 || slices.Contains(x.Includes, dest.Alpha2) {
			return true, ""
		}
		if x.ISO2 == "" && slices.Contains(x.Candidates, dest.Alpha2) {
			return false, fmt.Sprintf("%s may be one of the %q of %s, but that mapping is unverified: check before use", dest.Name, x.Name, au.ID)
		}
	}
	return false, fmt.Sprintf("%s is not a destination of %s", dest.Name, au.ID)
}

// unlisted applies rules 3 and 4 to an item not in Annex I.
func (d *Determiner) unlisted(res *Result, req Request) {
	for _, au := range d.annex.Authorisations {
		res.GeneralAuthorisations = append(res.GeneralAuthorisations, GeneralAuthorisation{ID: au.ID, Title: au.Title,
			Why: "not needed: general authorisations cover Annex I items and the item is not listed"})
	}
	switch {
	case req.CyberSurveillance && req.Informed:
		res.LicenceRequired = true
		res.ground(basisArt5_1, "the competent authority informed you that this unlisted cyber-surveillance item is or may be intended for internal repression or serious violations of human rights or international humanitarian law: an authorisation is required")
		res.step("Apply for an export authorisation to the competent authority that informed you")
	case req.Informed:
		res.LicenceRequired = true
		res.ground(basisArt4_1, "the competent authority informed you that this unlisted item is or may be intended for a catch-all end use (WMD, military end use in an arms-embargoed country, or unauthorised military-list items): an authorisation is required")
		res.step("Apply for an export authorisation to the competent authority that informed you")
	}
	switch {
	case req.Aware && req.CyberSurveillance:
		res.NotificationRequired, res.ExportHeld = true, true
		res.ground(basisArt5_2, "your due diligence shows you are aware that this unlisted cyber-surveillance item is intended for internal repression or serious human-rights or IHL violations: you must notify the competent authority, which decides whether to require an authorisation")
		res.step("Notify the competent authority (Art. 5(2)) and hold the export until it decides")
	case req.Aware:
		res.NotificationRequired, res.ExportHeld = true, true
		res.ground(basisArt4_2, "you are aware that this unlisted item is intended for a catch-all end use of Art. 4(1): you must notify the competent authority, which decides whether to require an authorisation")
		res.step("Notify the competent authority (Art. 4(2)) and hold the export until it decides")
	}
	if req.CyberSurveillance {
		if !req.Informed && !req.Aware {
			res.ground(basisRec2024, "an unlisted cyber-surveillance item (Art. 2(20)) needs no authorisation unless you are informed (Art. 5(1)); if your due diligence makes you aware of a human-rights end use you must notify (Art. 5(2))")
		}
		res.step("Record the due-diligence assessment before export: item capabilities and misuse potential, end user and end use screening, mitigation (Recommendation (EU) 2024/2659 steps 3.1–3.4)")
	} else if !req.Informed && !req.Aware {
		res.ground(basisArt3, "the item is not listed in Annex I and you were neither informed of nor aware of a catch-all end use: no authorisation is required under Regulation (EU) 2021/821")
		res.step("Keep the classification rationale (why the item is not listed and not a cyber-surveillance item under Art. 2(20)) on file")
	}
	res.step("Check national control lists and measures of your Member State (Arts. 9 and 10): they are not in this determination")
}

// embargo flags an arms-embargoed destination and applies the regimes'
// licence requirements where the data is clear.
func (d *Determiner) embargo(res *Result, req Request, entry *controllist.Entry, dest country.Country) {
	rows := d.embargoes.For(dest.Alpha2)
	if len(rows) == 0 {
		return
	}
	res.ArmsEmbargo = true
	cyber := res.CyberSurveillance
	for _, e := range rows {
		basis := fmt.Sprintf("%s; %s (%s)", basisArt4_1b, e.LegalActs, e.Body)
		res.ground(basis, "%s is under the %s regime %q: %s", dest.Name, e.Body, e.Regime, apperr.Shorten(e.Scope, 220))
		switch {
		case e.Political():
			res.check("the %s regime on %s is a political commitment with no legal act: its scope for this item is set by each Member State — ask your competent authority", e.Body, dest.Name)
		case entry != nil && e.DualUse == country.CoverageYes:
			res.LicenceRequired = true
			res.ground(e.LegalActs, "this regime prohibits or subjects to authorisation all dual-use items for %s: the export of %s may be prohibited outright", dest.Name, entry.Code)
		case entry != nil && (e.DualUse == country.CoveragePartial || e.DualUse == country.CoverageUnknown):
			res.check("the %s regime on %s covers dual-use items only in part (or unknown): check whether %s or its end user is within it", e.Body, dest.Name, entry.Code)
		}
		if cyber && e.MonitoringInterception == country.CoverageYes {
			res.LicenceRequired = true
			res.ground(e.LegalActs, "equipment, technology and software for monitoring or interception of telecommunications to %s needs prior authorisation under this regime (presumption of denial)", dest.Name)
		} else if cyber && e.MonitoringInterception == country.CoveragePartial {
			res.check("the %s regime on %s restricts monitoring/interception equipment in part: check whether the item is in its annex", e.Body, dest.Name)
		}
		if !e.IsVerified() {
			res.check("embargo row %s/%s is %s", e.Body, dest.Alpha2, e.Verified)
		}
	}
	if entry == nil && req.EndUserType == EndUserMilitary && !req.Informed {
		res.step("An unlisted item for a military end use in an arms-embargoed country needs an authorisation once you are informed (Art. 4(1)(b)); if you know of such an end use, notify the authority (Art. 4(2))")
	}
	res.step("Check the current consolidated sanctions acts for %s before export: the embargo table is dated and not legal advice", dest.Name)
}

// screening flags parties hit by screening.
func (d *Determiner) screening(res *Result, req Request) {
	if len(req.ScreeningHits) == 0 {
		return
	}
	res.ExportHeld = true
	res.ground(basisSanct, "screening matched %s against sanctions or denial lists: making goods or economic resources available to a listed party may be prohibited", strings.Join(req.ScreeningHits, ", "))
	res.step("Resolve the screening match(es) (%s) before any export: confirm or discount each match and record why", strings.Join(req.ScreeningHits, ", "))
}

// endUser adds the red flags of a security-service end user for
// cyber-surveillance items.
func (d *Determiner) endUser(res *Result, req Request) {
	if res.CyberSurveillance && req.EndUserType.securityService() {
		res.ground(basisRec2024, "a %s end user of a cyber-surveillance item is a due-diligence red flag: assess the risk of internal repression and human-rights violations", req.EndUserType)
	}
	if req.EndUserType == EndUserUnknown {
		res.check("the end-user type is not given: general authorisations EU007 and EU008 exclude military, police and intelligence end users")
	}
}
