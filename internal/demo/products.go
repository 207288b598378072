package demo

import (
	"context"
	"fmt"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/product"
)

// Product is a fictional product of a demo exporter, with its
// classification.
type Product struct {
	// Exporter is the e-mail of the demo exporter who registers and
	// classifies it.
	Exporter string
	product.Details
	Classification product.ClassifyRequest
}

// Products are the demo exporters' products.
var Products = []Product{
	{"export@nordlicht.example", product.Details{
		Name: "Sentinel IP-7 network probe (demo)",
		Description: "Carrier-class probe for national IP backbones. It analyses traffic at the application layer, extracts selected " +
			"metadata and content, indexes it, searches it by hard selectors and maps the relational network of a person.",
		Parameters: map[string]string{"Throughput": "2 × 100 Gbit/s", "Analysis": "OSI layer 7", "Selectors": "e-mail address, phone number, IP address"},
	}, product.ClassifyRequest{Code: "5A001.j",
		Rationale: "Meets all of 5A001.j.1 (carrier-class IP network, layer 7 analysis, extraction and indexing of selected metadata and content) " +
			"and 5A001.j.2 (search on hard selectors, relational network mapping). Not designed for marketing, QoS or QoE, so the note does not release it."}},
	{"export@nordlicht.example", product.Details{
		Name:        "Lumen FR-3 face matching server (demo)",
		Description: "Server software that matches faces in live CCTV video against a watch list supplied by the operator.",
		Parameters:  map[string]string{"Video streams": "64", "Watch list": "up to 1 million faces"},
	}, product.ClassifyRequest{Code: controllist.NotListedCode,
		Rationale: "Facial recognition is not in Annex I; no entry of Category 5 or 6 covers the software. Art. 2(20) assessed below.",
		Assessment: &controllist.Art220Assessment{
			SpeciallyDesigned: true, SpeciallyReason: "Built to identify people in video; not a general-purpose video tool.",
			Covert: false, CovertReason: "Works on openly installed, signposted cameras; it has no concealment features.",
			NaturalPersons: true, NaturalPersonsReason: "It identifies natural persons.",
			ICTData: false, ICTDataReason: "It analyses camera images, not data taken from information and telecommunication systems.",
		}}},
	{"export@nordlicht.example", product.Details{
		Name:        "NO-9 thermal camera core (demo)",
		Description: "Imaging camera core with an uncooled microbolometer focal plane array for security cameras.",
		Parameters:  map[string]string{"Detector": "640 × 512 microbolometer", "Spectral band": "8–14 µm"},
	}, product.ClassifyRequest{Code: "6A003.b.4",
		Rationale: "An imaging camera incorporating a focal plane array; datasheet checked against the 6A003.b.4 parameters."}},

	{"export@vantage.example", product.Details{
		Name:        "Harbour IMSI catcher (demo)",
		Description: "Portable base-station simulator that extracts subscriber and device identifiers (IMSI, IMEI) transmitted over the air interface.",
		Parameters:  map[string]string{"Bands": "GSM, UMTS, LTE", "Identifiers": "IMSI, IMEI"},
	}, product.ClassifyRequest{Code: "5A001.f.2",
		Rationale: "Interception equipment designed to extract subscriber and device identifiers over the air interface, without extracting voice or data (so not 5A001.f.1)."}},
	{"export@vantage.example", product.Details{
		Name:        "LEA Analyst monitoring software (demo)",
		Description: "Software for police that analyses call records and content received through a provider's handover interface, searches by hard selectors and maps relational networks.",
		Parameters:  map[string]string{"Input": "ETSI handover interface", "Selectors": "name, phone number, e-mail"},
	}, product.ClassifyRequest{Code: "5D001.e",
		Rationale: "Software for law-enforcement monitoring of data obtained via a handover interface, with hard-selector search and relational network mapping."}},
	{"export@vantage.example", product.Details{
		Name:        "SecureLink radio encryptor (demo)",
		Description: "Inline encryptor for point-to-point radio links using AES-256.",
		Parameters:  map[string]string{"Algorithm": "AES-256-GCM", "Line rate": "10 Gbit/s"},
	}, product.ClassifyRequest{Code: "5A002.a",
		Rationale: "Designed to use cryptography for data confidentiality with a described security algorithm (AES-256); no decontrol note applies."}},

	{"export@aurora.example", product.Details{
		Name:        "SocialSweep profiler (demo)",
		Description: "Software that covertly collects and analyses the posts, contacts and locations of named persons from online platforms through operated fake accounts.",
		Parameters:  map[string]string{"Sources": "social networks, messaging groups", "Collection": "covert accounts"},
	}, product.ClassifyRequest{Code: controllist.NotListedCode,
		Rationale: "Not a carrier-class network system (5A001.j) and not handover-interface software (5D001.e): not listed. Art. 2(20) assessed below.",
		Assessment: &controllist.Art220Assessment{
			SpeciallyDesigned: true, SpeciallyReason: "Designed and marketed for profiling individuals.",
			Covert: true, CovertReason: "Collection runs through fake accounts, without the knowledge of the persons concerned.",
			NaturalPersons: true, NaturalPersonsReason: "Targets named individuals.",
			ICTData: true, ICTDataReason: "Collects and analyses data from online platforms, which are information and telecommunication systems.",
		}}},
	{"export@aurora.example", product.Details{
		Name:        "FaceGate access terminal (demo)",
		Description: "Door terminal that admits enrolled employees by face verification (one-to-one match) at building entrances.",
		Parameters:  map[string]string{"Enrolment": "consent-based", "Match": "1:1 verification"},
	}, product.ClassifyRequest{Code: controllist.NotListedCode,
		Rationale: "Biometric access control is not in Annex I. Art. 2(20) assessed below.",
		Assessment: &controllist.Art220Assessment{
			SpeciallyDesigned: false, SpeciallyReason: "An access-control product, not designed for surveillance.",
			Covert: false, CovertReason: "People enrol knowingly and present their face at the door.",
			NaturalPersons: true, NaturalPersonsReason: "Verifies natural persons.",
			ICTData: false, ICTDataReason: "Reads the camera at the door, not data from information and telecommunication systems.",
		}}},
	{"export@aurora.example", product.Details{
		Name:        "MobileXtract forensic kit (demo)",
		Description: "Forensic kit that extracts raw data from locked mobile phones by circumventing their authentication controls.",
		Parameters:  map[string]string{"Targets": "Android and iOS phones", "Method": "bootloader exploit"},
	}, product.ClassifyRequest{Code: "5A004.b",
		Rationale: "Designed to extract raw data from a computing or communications device while circumventing its authentication or authorisation controls (5A004.b)."}},
}

const productsMarker = "demo.products"

// SeedProducts registers and classifies the demo products, once, as their
// demo exporters. Run it after Seed.
func SeedProducts(ctx context.Context, accounts *account.Service, products *product.Service, settings Settings) error {
	v, err := settings.Setting(ctx, productsMarker)
	if err != nil || v == "true" {
		return err
	}
	for _, dp := range Products {
		u, err := accounts.Store.UserByEmail(ctx, dp.Exporter)
		if err != nil {
			return fmt.Errorf("demo: exporter %s: %w", dp.Exporter, err)
		}
		p, err := products.Create(ctx, u.Principal(), dp.Details)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", dp.Name, err)
		}
		if _, err := products.Classify(ctx, u.Principal(), p.ID, dp.Classification); err != nil {
			return fmt.Errorf("demo: %s: %w", dp.Name, err)
		}
	}
	return settings.SetSetting(ctx, productsMarker, "true", auth.System().Event(ctx, 0, "demo.seed", "setting", productsMarker, "demo products seeded"))
}
