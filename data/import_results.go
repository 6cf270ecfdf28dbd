package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/data/reu"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The columns of a results file, in resultColumns order. Names are matched after tabular.Fold, so
// "Exprimés", "exprimes" and "EXPRIMES" are one name. The first names are those of the Paris open
// data (opendata.paris.fr, elections-*), the others those of the Ministère de l'Intérieur's
// per-polling-station files (2017-2022 "Code du b.vote" layout, 2024 "Code BV" layout).
var resultWanted = []columnSpec{
	{names: []string{"id_bv", "code du b.vote", "code b.vote", "code bv", "code bureau", "code bureau de vote",
		"code du bureau de vote", "bureau de vote", "bureau"}, required: true},
	{names: []string{"nb_inscr", "inscrits", "nb_inscrits", "registered"}, required: true},
	{names: []string{"nb_votant", "votants", "nb_votants", "voters"}, required: true},
	{names: []string{"nb_exprim", "exprimés", "nb_exprimes", "valid"}},
	{names: []string{"code commune", "code de la commune", "code insee", "code commune insee"}},
	{names: []string{"code département", "code du département"}},
}

// otherCounts are count columns stored nowhere but known, so that they are not taken for lists:
// they end the count section of the file (see resultColumns.lists).
var otherCounts = []string{"nb_procu", "nb_emarg", "nb_bl", "nb_nul", "nb_blancs", "nb_nuls", "blancs", "nuls",
	"blancs et nuls", "abstentions", "nb_abstentions", "procurations", "emargements"}

// contextWords are first words of column names that identify or describe rather than count
// (num_circ, code_..., libellé..., % Voix/Exp...): such a column is never a list.
var contextWords = map[string]bool{"code": true, "libelle": true, "num": true, "numero": true, "n°panneau": true,
	"id": true, "nom": true, "prenom": true, "sexe": true, "nuance": true, "elu": true, "date": true, "annee": true,
	"tour": true, "scrutin": true, "objectid": true, "geo": true, "st": true, "pourcentage": true, "taux": true,
	"circonscription": true, "commune": true, "departement": true, "bureau": true}

// voixName matches the vote column of the Ministère layouts: "Voix" (2017-2022, one group of
// candidate columns repeated without header) or "Voix 3" (2024, numbered groups).
var voixName = regexp.MustCompile(`^voix( [0-9]+)?$`)

// listNames are the columns that name a list in the Ministère layouts, by preference; the value
// of a then-column, if present, follows the name (a candidate's first name after the surname).
var listNames = []struct{ names, then []string }{
	{names: []string{"libelle abrege liste", "libelle abrege de liste", "libelle liste", "libelle de liste"}},
	{names: []string{"nom", "nom candidat"}, then: []string{"prenom", "prenom candidat"}},
	{names: []string{"nuance", "nuance liste", "nuance candidat"}},
}

// listColumn is where one list's votes are: the votes column and the columns whose values, joined,
// name the list (none: the votes column's header is the name).
type listColumn struct {
	votes int
	name  []int
}

// resultColumns locates the fields of a results record.
type resultColumns struct {
	station, registered, voters, valid, commune, department int
	lists                                                   []listColumn
	// groupStart and groupWidth describe the 2017-2022 layout, whose header names one group of
	// candidate columns that rows repeat once per candidate: extra groups follow at groupWidth
	// intervals after the header's end. groupWidth is 0 for other layouts.
	groupStart, groupWidth int
	header                 []string
}

// newResultColumns finds the list columns. The rule, in order:
//   - Ministère layouts: each "Voix" / "Voix N" column is a list, named by the row's values of
//     "Libellé abrégé liste N" (or "Libellé liste N"), else "Nom N" + "Prénom N" (or "Nom candidat
//     N" + "Prénom candidat N"), else "Nuance N", else the votes column's header.
//   - Otherwise (Paris open-data layout): every column after the last known count column
//     (registered, voters, valid, blank, spoiled, proxies, signatures, abstentions) is a list named
//     by its header, unless its folded name contains "%" or starts with a context word (code,
//     libellé, num, id, nom, date, ...).
func newResultColumns(r *tabular.Reader, idx []int) resultColumns {
	c := resultColumns{station: idx[0], registered: idx[1], voters: idx[2], valid: idx[3], commune: idx[4],
		department: idx[5], header: r.Header()}
	folded := make([]string, len(c.header))
	for i, h := range c.header {
		folded[i] = tabular.Fold(h)
	}
	for i, f := range folded {
		m := voixName.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		lc := listColumn{votes: i}
		n := m[1] // "" or " 3"
		for _, src := range listNames {
			if j := indexOfAny(folded, src.names, n); j >= 0 {
				lc.name = append(lc.name, j)
				if k := indexOfAny(folded, src.then, n); k >= 0 {
					lc.name = append(lc.name, k)
				}
				break
			}
		}
		c.lists = append(c.lists, lc)
		if n == "" && len(lc.name) > 0 {
			c.groupStart = i
			for _, j := range lc.name {
				c.groupStart = min(c.groupStart, j)
			}
			if j := indexOfAny(folded, []string{"n°panneau", "numero de panneau", "n° panneau"}, ""); j >= 0 && j < c.groupStart {
				c.groupStart = j
			}
			c.groupWidth = len(c.header) - c.groupStart
		}
	}
	if len(c.lists) > 0 {
		return c
	}
	last := max(c.registered, c.voters, c.valid)
	for _, name := range otherCounts {
		last = max(last, r.Column(name))
	}
	for i := last + 1; i < len(folded); i++ {
		f := folded[i]
		if f == "" || strings.Contains(f, "%") || contextWords[strings.SplitN(f, " ", 2)[0]] {
			continue
		}
		c.lists = append(c.lists, listColumn{votes: i})
	}
	return c
}

// indexOfAny is the index of the first of names (each followed by suffix) among folded, or -1.
func indexOfAny(folded, names []string, suffix string) int {
	for _, n := range names {
		for i, f := range folded {
			if f == n+suffix {
				return i
			}
		}
	}
	return -1
}

// resultRow is one polling station's results as stored.
type resultRow struct {
	Station            string
	Registered, Voters int64
	Valid              sql.NullInt64
	Lists              map[string]int64 // list name -> votes
}

// parseResult checks one results record: counts are whole numbers (spaces as thousands
// separators allowed) of at most maxCount, and they are consistent: registered ≥ voters ≥ valid
// votes ≥ the lists' votes added up (voters ≥ the lists' votes when the file has no valid votes).
func parseResult(line int, rec []string, c resultColumns) (resultRow, *RowError) {
	reject := func(col int, reason i18n.Message) (resultRow, *RowError) {
		e := NewRowError(line, headerName(c.header, col), reason)
		return resultRow{}, &e
	}
	res := resultRow{Station: recField(rec, c.station), Lists: map[string]int64{}}
	if res.Station == "" {
		return reject(c.station, i18n.Msg("import.results.station.empty"))
	}
	// Stations are numbered per commune: a file that names the commune keys them by it.
	if commune := recField(rec, c.commune); commune != "" {
		dept := recField(rec, c.department)
		if len(dept) == 1 { // the ministry's files write departments 1 to 9 without their zero
			dept = "0" + dept
		}
		res.Station = reu.CommuneCode(dept, commune) + "_" + res.Station
	}
	var ok bool
	if res.Registered, ok = parseCount(recField(rec, c.registered)); !ok {
		return reject(c.registered, i18n.Msg("import.results.registered"))
	}
	if res.Voters, ok = parseCount(recField(rec, c.voters)); !ok {
		return reject(c.voters, i18n.Msg("import.results.voters"))
	}
	if res.Voters > res.Registered {
		return reject(c.voters, i18n.Msg("import.results.voters.more"))
	}
	if s := recField(rec, c.valid); s != "" {
		if res.Valid.Int64, ok = parseCount(s); !ok {
			return reject(c.valid, i18n.Msg("import.results.valid"))
		}
		if res.Valid.Int64 > res.Voters {
			return reject(c.valid, i18n.Msg("import.results.valid.more"))
		}
		res.Valid.Valid = true
	}
	for _, lc := range c.lists {
		if bad := res.addList(line, rec, c, lc, lc.votes); bad != nil {
			return resultRow{}, bad
		}
	}
	if c.groupWidth > 0 {
		for k := 1; c.groupStart+(k+1)*c.groupWidth <= len(rec); k++ {
			for _, lc := range c.lists {
				shifted := listColumn{votes: lc.votes + k*c.groupWidth}
				for _, j := range lc.name {
					shifted.name = append(shifted.name, j+k*c.groupWidth)
				}
				if bad := res.addList(line, rec, c, shifted, lc.votes); bad != nil {
					return resultRow{}, bad
				}
			}
		}
	}
	var sum int64
	for _, n := range res.Lists {
		sum += n // at most maxCount each, and fewer lists than a record has bytes: no overflow
	}
	switch {
	case res.Valid.Valid && sum > res.Valid.Int64:
		return reject(c.valid, i18n.Msg("import.results.valid.sum"))
	case !res.Valid.Valid && sum > res.Voters:
		return reject(c.voters, i18n.Msg("import.results.voters.sum"))
	}
	return res, nil
}

// addList adds one list's votes; an empty votes field (a group left blank) adds nothing. header
// is the votes column in the header row, whose name reports use: lc.votes itself, or for the
// unnamed repeated groups of the 2017-2022 layout the named column of the first group.
func (res *resultRow) addList(line int, rec []string, c resultColumns, lc listColumn, header int) *RowError {
	s := recField(rec, lc.votes)
	if s == "" {
		return nil
	}
	n, ok := parseCount(s)
	if !ok {
		e := NewRowError(line, headerName(c.header, header), i18n.Msg("import.results.votes"))
		return &e
	}
	var parts []string
	for _, j := range lc.name {
		if v := recField(rec, j); v != "" {
			parts = append(parts, v)
		}
	}
	name := strings.Join(parts, " ")
	if name == "" {
		name = headerName(c.header, header)
	}
	res.Lists[name] += n
	return nil
}

// digitGroups removes the spaces (also no-break ones) that spreadsheets put between digit groups.
var digitGroups = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

// maxCount bounds every count of a results file: a polling station has a few thousand voters,
// and even a whole commune's results stay far under it. A larger count is a damaged file.
const maxCount = 1_000_000

// parseCount parses a whole number from 0 to maxCount, allowing spaces between digit groups.
func parseCount(s string) (int64, bool) {
	s = digitGroups.Replace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0 && n <= maxCount
}

// electionLabel is the label given, or else the file's name without its extensions
// (resultats-2024.csv.gz -> resultats-2024).
func electionLabel(path, given string) string {
	if l := strings.TrimSpace(given); l != "" {
		return l
	}
	name := filepath.Base(path)
	for {
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".gz" && ext != ".csv" && ext != ".txt" && ext != ".tsv" || ext == name {
			return name
		}
		name = strings.TrimSuffix(name, name[len(name)-len(ext):])
	}
}

// resultBatch is how many stations one insert statement carries.
const resultBatch = 64

// ImportResults imports election results per polling station (CSV, plain or .gz) in one
// transaction, under the label opt.Election (default: the file's name without extensions). A
// re-import of the same election replaces it.
//
// The file needs a station id, registered and voters columns (Paris open data: id_bv, nb_inscr,
// nb_votant; Ministère files: Code du b.vote or Code BV, Inscrits, Votants); valid votes (nb_exprim,
// Exprimés) are read when present. When the file names the commune, a station is keyed
// "INSEE_code" (75120_0001), as stations are numbered per commune. Per-list votes go to
// results.lists as a JSON object: in Ministère files each "Voix [N]" column, named by the list
// label or candidate of its group; otherwise every column after the last count column (registered,
// voters, valid, blank, spoiled, proxies, signatures, abstentions) except identifier and
// percentage columns, named by its header.
//
// Rows with a count that is not a whole number (or above 1,000,000), more voters than registered,
// more valid votes than voters, more votes for the lists than valid votes, or a station already
// seen are rejected with line and field; a file of which no row can be imported is refused. On a fatal error
// (*InputError) or a cancelled ctx the store is left as it was.
func (s *Store) ImportResults(ctx context.Context, path string, opt ResultOptions, progress ProgressFunc) (Report, error) {
	file := baseName(path)
	rep := newReport(file, "results")
	r, err := tabular.Open(ctx, path)
	if err != nil {
		return rep, fatalInput(err)
	}
	defer r.Close()
	idx, err := findColumns(r, file, resultWanted)
	if err != nil {
		return rep, err
	}
	cols := newResultColumns(r, idx)
	election := electionLabel(path, opt.Election)

	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM results WHERE election = ?", election)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		rep.Replaced = int(n)
		ins, err := newMultiInsert(ctx, tx, "results",
			[]string{"election", "station", "registered", "voters", "valid", "lists"}, resultBatch,
			func(line int, err error) {
				reason := i18n.Msg("import.db.refused", "Err", err)
				if isDuplicate(err) {
					reason = i18n.Msg("import.results.duplicate")
				}
				rep.Reject(NewRowError(line, cols.header[cols.station], reason))
			})
		if err != nil {
			return err
		}
		defer ins.close()
		err = eachRecord(ctx, r, &rep, progress, func(line int, rec []string) error {
			row, bad := parseResult(line, rec, cols)
			if bad != nil {
				rep.Reject(*bad)
				return nil
			}
			lists, err := json.Marshal(row.Lists)
			if err != nil {
				return err
			}
			return ins.add(ctx, line, election, row.Station, row.Registered, row.Voters, row.Valid, string(lists))
		})
		if err != nil {
			return err
		}
		return s.finishImport(ctx, tx, ins, &rep, audit.Import{Kind: audit.OpImportResults, Election: election})
	})
	if err != nil {
		return newReport(file, rep.Kind), err
	}
	return rep, nil
}
