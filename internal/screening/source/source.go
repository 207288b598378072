// Package source reads the official sanctions and restricted-party list
// formats into screening entities: OFAC SDN and consolidated CSV sets and
// the OFAC enhanced XML, the UN Security Council XML, EU FSF XML and CSV, the
// UK OFSI ConList CSV and the FCDO list tables, the trade.gov Consolidated
// Screening List, the BIS Denied Persons List, and OpenSanctions FtM and
// Senzing JSON lines. Formats are recognised by content, not by file name.
//
// Loaders are strict: every record is loaded or reported as a
// screening.Issue with file, record, field and reason. A file that cannot be
// read as its format fails its list alone.
package source

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
)

// Source ids of the lists.
const (
	OFACSDN      = "us_ofac_sdn"
	OFACCons     = "us_ofac_cons"
	OFACEnhanced = "us_ofac_cons_enhanced"
	UN           = "un_sc"
	EU           = "eu_fsf"
	UK           = "uk_fcdo"
	UKOFSI       = "uk_ofsi"
	CSL          = "us_csl"
	DPL          = "us_bis_dpl"
	OpenSanction = "opensanctions"
	Senzing      = "senzing"
)

// format is a recognised file format.
type format int

const (
	fmtUnknown format = iota
	fmtOFACPrimary
	fmtOFACAddress
	fmtOFACAlias
	fmtOFACComments
	fmtOFACEnhanced
	fmtUN
	fmtEULegacyXML
	fmtEUExportXML
	fmtEULegacyCSV
	fmtUKConList
	fmtUKSubjects
	fmtUKNames
	fmtUKDOBs
	fmtUKIdentifiers
	fmtUKCountries
	fmtCSL
	fmtDPL
	fmtFtM
	fmtSenzing
)

// file is one input file, read whole (lists are small: a few MB each).
type file struct {
	path string
	data []byte
	fmt  format
}

// Result is what Load found.
type Result struct {
	Lists []*screening.List
	// Failed holds one error per list that could not be loaded; the other
	// lists are still in Lists.
	Failed []error
	// Ignored names files that are not a list format (documentation, PDFs).
	Ignored []string
}

// Load reads lists from files and folders (recursively). Files are grouped by
// folder, so that the files of a multi-file list (the OFAC CSV set, the UK
// tables) are read together. A file that is no list format is ignored and
// named in Result.Ignored when it sits in a folder, and is an error when it
// was named itself. Two versions of the same list are an error for the
// second one.
func Load(paths ...string) (*Result, error) {
	res := &Result{}
	dirs := map[string][]*file{}
	var order []string
	inOrder := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, apperr.Field(apperr.Invalid, p, "cannot read list: %v", err)
		}
		if !st.IsDir() {
			fs, err := readFile(p)
			if err != nil {
				return nil, err
			}
			for _, f := range fs {
				if f.fmt == fmtUnknown {
					return nil, apperr.Field(apperr.Invalid, p, "not a recognised list format")
				}
			}
			d := filepath.Dir(p) + "\x00explicit"
			if !inOrder[d] {
				inOrder[d] = true
				order = append(order, d)
			}
			dirs[d] = append(dirs[d], fs...)
			continue
		}
		err = filepath.WalkDir(p, func(path string, de os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() {
				return nil
			}
			fs, err := readFile(path)
			if err != nil {
				return err
			}
			d := filepath.Dir(path)
			if !inOrder[d] {
				inOrder[d] = true
				order = append(order, d)
			}
			for _, f := range fs {
				if f.fmt == fmtUnknown {
					res.Ignored = append(res.Ignored, f.path)
					continue
				}
				dirs[d] = append(dirs[d], f)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
	}
	type job struct {
		name  string
		files []*file
		parse func([]*file) (*screening.List, error)
	}
	var jobs []job
	for _, d := range order {
		for _, g := range group(dirs[d]) {
			jobs = append(jobs, job(g))
		}
	}
	lists := make([]*screening.List, len(jobs))
	errs := make([]error, len(jobs))
	parallel(len(jobs), func(i int) {
		lists[i], errs[i] = jobs[i].parse(jobs[i].files)
		if errs[i] == nil {
			finish(lists[i], jobs[i].files)
		}
	})
	bySource := map[string]int{} // source → index in res.Lists
	names := map[*screening.List]string{}
	hashes := map[string]string{} // content hash → first path
	for i, l := range lists {
		if errs[i] != nil {
			res.Failed = append(res.Failed, fmt.Errorf("list %s: %w", jobs[i].name, errs[i]))
			continue
		}
		if prev, ok := hashes[l.Version.Hash]; ok {
			res.Ignored = append(res.Ignored, jobs[i].name+" (same content as "+prev+")")
			continue
		}
		hashes[l.Version.Hash] = jobs[i].name
		names[l] = jobs[i].name
		k, ok := bySource[l.Version.Source]
		if !ok {
			bySource[l.Version.Source] = len(res.Lists)
			res.Lists = append(res.Lists, l)
			continue
		}
		// Two versions of one list: the newer one (by date, then by size)
		// is used, the other is reported.
		old := res.Lists[k]
		if newer(l, old) {
			res.Lists[k] = l
		} else {
			old = l
		}
		res.Ignored = append(res.Ignored, fmt.Sprintf("%s (older version %s of %s than the one loaded)", names[old], old.Version.ID(), old.Version.Source))
	}
	return res, nil
}

// newer reports whether list a is a newer version than b: a later date, or
// for undated or equally dated versions, more entities.
func newer(a, b *screening.List) bool {
	if !a.Version.Date.Equal(b.Version.Date) {
		return a.Version.Date.After(b.Version.Date)
	}
	return len(a.Entities) > len(b.Entities)
}

// finish sets the version hash over the files and stamps every entity.
func finish(l *screening.List, files []*file) {
	sorted := slices.Clone(files)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].path < sorted[j].path })
	h := sha256.New()
	for _, f := range sorted {
		h.Write(f.data)
		l.Files = append(l.Files, f.path)
	}
	l.Version.Hash = hex.EncodeToString(h.Sum(nil))
	l.Version.Entities = len(l.Entities)
	id := l.Version.ID()
	for _, e := range l.Entities {
		e.Names = withDerivedNames(e.Names, e.Kind == screening.Person)
		e.Version = id
		if e.Source == "" {
			e.Source = l.Version.Source
		}
	}
}

// readFile reads a file, unpacking gzip and zip, and sniffs each content.
func readFile(path string) ([]*file, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, apperr.Field(apperr.Invalid, path, "cannot read: %v", err)
	}
	return unpack(path, data)
}

func unpack(path string, data []byte) ([]*file, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, apperr.Field(apperr.Invalid, path, "bad gzip: %v", err)
		}
		inner, err := io.ReadAll(io.LimitReader(zr, 1<<30))
		if err != nil {
			return nil, apperr.Field(apperr.Invalid, path, "bad gzip: %v", err)
		}
		return []*file{{path: path, data: inner, fmt: sniff(inner)}}, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, apperr.Field(apperr.Invalid, path, "bad zip: %v", err)
		}
		var out []*file
		for _, zf := range zr.File {
			if zf.FileInfo().IsDir() {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				return nil, apperr.Field(apperr.Invalid, path+"!"+zf.Name, "bad zip entry: %v", err)
			}
			inner, err := io.ReadAll(io.LimitReader(rc, 1<<30))
			rc.Close()
			if err != nil {
				return nil, apperr.Field(apperr.Invalid, path+"!"+zf.Name, "bad zip entry: %v", err)
			}
			out = append(out, &file{path: path + "!" + zf.Name, data: inner, fmt: sniff(inner)})
		}
		return out, nil
	}
	return []*file{{path: path, data: data, fmt: sniff(data)}}, nil
}

// sniff recognises a format from the first bytes of a file.
func sniff(data []byte) format {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimLeft(head, " \t\r\n")
	first, _, _ := bytes.Cut(trim, []byte("\n"))
	first = bytes.TrimRight(first, "\r")
	switch {
	case bytes.HasPrefix(trim, []byte("<")):
		switch xmlRoot(data) {
		case "sanctionsData":
			return fmtOFACEnhanced
		case "CONSOLIDATED_LIST":
			return fmtUN
		case "WHOLE":
			return fmtEULegacyXML
		case "export":
			return fmtEUExportXML
		}
	case bytes.HasPrefix(trim, []byte("{")):
		switch {
		case bytes.Contains(first, []byte(`"schema"`)) && bytes.Contains(first, []byte(`"properties"`)):
			return fmtFtM
		case bytes.Contains(first, []byte(`"DATA_SOURCE"`)) || bytes.Contains(first, []byte(`"RECORD_ID"`)):
			return fmtSenzing
		}
	case bytes.HasPrefix(first, []byte("_id,source,entity_number,")):
		return fmtCSL
	case bytes.HasPrefix(first, []byte(`"Name"`+"\t"+`"Street_Address"`)), bytes.HasPrefix(first, []byte("Name\tStreet_Address")):
		return fmtDPL
	case bytes.HasPrefix(first, []byte("Last Updated,")):
		return fmtUKConList
	case bytes.HasPrefix(first, []byte(`"Date_file`)), bytes.HasPrefix(first, []byte("Date_file")):
		return fmtEULegacyCSV
	case bytes.HasPrefix(first, []byte("unique_id,subject_type,")):
		return fmtUKSubjects
	case bytes.HasPrefix(first, []byte("name_id,unique_id,")):
		return fmtUKNames
	case bytes.HasPrefix(first, []byte("dob_id,unique_id,")):
		return fmtUKDOBs
	case bytes.HasPrefix(first, []byte("id,unique_id,ofsi_group_id,")):
		return fmtUKIdentifiers
	case bytes.HasPrefix(first, []byte("id,unique_id,raw_value,country_type,")):
		return fmtUKCountries
	default:
		return sniffOFAC(first)
	}
	return fmtUnknown
}

// group splits the recognised files of one folder into lists.
func group(files []*file) []listGroup {
	var out []listGroup
	byFmt := map[format][]*file{}
	for _, f := range files {
		byFmt[f.fmt] = append(byFmt[f.fmt], f)
	}
	// Multi-file lists.
	if fs := ofacSet(byFmt); len(fs) > 0 {
		out = append(out, listGroup{name: setName(fs), files: fs, parse: parseOFACSet})
	}
	if fs := byFmt[fmtFtM]; len(fs) > 0 {
		out = append(out, listGroup{name: setName(fs), files: fs, parse: parseFtM})
	}
	if fs := ukSet(byFmt); len(fs) > 0 {
		out = append(out, listGroup{name: setName(fs), files: fs, parse: parseUKTables})
	}
	single := map[format]func([]*file) (*screening.List, error){
		fmtOFACEnhanced: parseOFACEnhanced, fmtUN: parseUN, fmtEULegacyXML: parseEULegacyXML,
		fmtEUExportXML: parseEUExportXML, fmtEULegacyCSV: parseEULegacyCSV, fmtUKConList: parseUKConList,
		fmtCSL: parseCSL, fmtDPL: parseDPL, fmtSenzing: parseSenzing,
	}
	for _, f := range files {
		if p, ok := single[f.fmt]; ok {
			out = append(out, listGroup{name: f.path, files: []*file{f}, parse: p})
		}
	}
	return out
}

type listGroup struct {
	name  string
	files []*file
	parse func([]*file) (*screening.List, error)
}

func setName(fs []*file) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.path
	}
	sort.Strings(names)
	return filepath.Dir(names[0]) + " {" + strings.Join(baseNames(names), ",") + "}"
}

func baseNames(p []string) []string {
	out := make([]string, len(p))
	for i, s := range p {
		out[i] = filepath.Base(s)
	}
	return out
}

// parallel runs f(0..n-1) on all cores.
func parallel(n int, f func(i int)) {
	done := make(chan struct{})
	sem := make(chan struct{}, max(2, numCPU()))
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; done <- struct{}{} }()
			f(i)
		}(i)
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

// issues collects the issues of one list.
type issues struct {
	file string
	list *[]screening.Issue
}

func (is issues) add(record, field, reason string, dropped bool) {
	*is.list = append(*is.list, screening.Issue{File: is.file, Record: record, Field: field, Reason: reason, Dropped: dropped})
}

// parseTime tries the layouts in order.
func parseTime(s string, layouts ...string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// csvErrLine returns the line a CSV read error is about.
func csvErrLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return 0
}
