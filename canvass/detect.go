package canvass

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Kind is what an input file holds, named like the `canvass import` subcommands.
type Kind string

// The kinds of file canvass imports. KindUnknown is a file DetectKind could not place.
const (
	KindUnknown    Kind = ""
	KindList       Kind = "list"
	KindAddresses  Kind = "addresses"
	KindAreas      Kind = "areas"
	KindResults    Kind = "results"
	KindStreets    Kind = "streets"
	KindConsents   Kind = "consents"
	KindOpposition Kind = "opposition"
	// KindPeople is a request for a personal visit list: people to visit by name. It is not
	// imported: it goes to the Plan builder, which keeps only those whose consent covers a visit.
	KindPeople Kind = "people"
)

// Kinds are the kinds of file canvass imports, in the order an organizer usually loads them.
var Kinds = []Kind{KindList, KindAddresses, KindAreas, KindResults, KindStreets, KindConsents, KindOpposition, KindPeople}

// Describe names the kind for an organizer.
func (k Kind) Describe() string {
	switch k {
	case KindList:
		return "electoral list (REU extract)"
	case KindAddresses:
		return "address points (BAN)"
	case KindAreas:
		return "areas (GeoJSON or GeoPackage)"
	case KindResults:
		return "election results per polling station"
	case KindStreets:
		return "street network walks follow (GeoJSON or GeoPackage lines)"
	case KindConsents:
		return "contacts and their consents"
	case KindOpposition:
		return "objections (STOP, do not knock)"
	case KindPeople:
		return "people to visit by name (a request)"
	}
	return "unknown"
}

// Detection is what DetectKind found in a file, and why.
type Detection struct {
	Kind   Kind
	Reason i18n.Message // the evidence, in words: the header names or the format seen
	Level  string       // for areas: the level the file name suggests (one of Levels), or ""
}

// sqliteMagic opens every SQLite file, hence every GeoPackage.
var sqliteMagic = []byte("SQLite format 3\x00")

// DetectKind looks at a file's name and first bytes or header row to say what it holds. It only
// suggests: the organizer confirms the kind before anything is imported. A file it cannot place
// comes back as KindUnknown with the reason; an error means the file cannot be read at all.
func DetectKind(path string) (Detection, error) {
	head, err := readHead(path, 64)
	if err != nil {
		return Detection{}, err
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, sqliteMagic):
		if ext != ".gpkg" {
			return Detection{Reason: i18n.Msg("detect.sqlite")}, nil
		}
		return Detection{Kind: KindAreas, Reason: i18n.Msg("detect.gpkg"), Level: LevelFromName(path)}, nil
	case ext == ".geojson" || ext == ".json":
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) == 0 || t[0] != '{' {
			return Detection{Reason: i18n.Msg("detect.notjson", "Ext", ext)}, nil
		}
		return Detection{Kind: KindAreas, Reason: i18n.Msg("detect.geojson"), Level: LevelFromName(path)}, nil
	case ext == ".gpkg":
		return Detection{Reason: i18n.Msg("detect.notgpkg")}, nil
	}
	return detectTable(path)
}

// detectTable places a delimited file by its header row.
func detectTable(path string) (Detection, error) {
	r, err := tabular.Open(context.Background(), path)
	if err != nil {
		return Detection{Reason: i18n.Msg("detect.nottext", "Err", err)}, nil
	}
	defer r.Close()
	has := func(names ...string) string { // the column's name as the file writes it, or ""
		if i := r.Column(names...); i >= 0 {
			return strings.TrimSpace(r.Header()[i])
		}
		return ""
	}
	if name := has("nom de naissance", "NomdeNaissance"); name != "" {
		if station := has("code du bureau de vote", "libellé du bureau de vote", "NoBureauDeVote"); station != "" {
			return Detection{Kind: KindList, Reason: i18n.Msg("detect.header2", "A", name, "B", station)}, nil
		}
	}
	if street := has("nom_voie"); street != "" && has("lon") != "" && has("lat") != "" {
		return Detection{Kind: KindAddresses, Reason: i18n.Msg("detect.header.ban", "A", street)}, nil
	}
	if reg := has("nb_inscr", "inscrits"); reg != "" {
		return Detection{Kind: KindResults, Reason: i18n.Msg("detect.header1", "A", reg)}, nil
	}
	// Consent, opposition and request files share the identity columns (data.identityColumns);
	// what follows them tells them apart.
	if scope := has("portee", "portée", "scope"); scope != "" { // an objection may name no one: an address
		return Detection{Kind: KindOpposition, Reason: i18n.Msg("detect.header1", "A", scope)}, nil
	}
	if name := has("nom_naissance", "nom de naissance", "birth_name"); name != "" {
		if channel := has("canal", "channel"); channel != "" {
			return Detection{Kind: KindConsents, Reason: i18n.Msg("detect.header2", "A", name, "B", channel)}, nil
		}
		if born := has("date_naissance", "date de naissance", "birth_date"); born != "" {
			return Detection{Kind: KindPeople, Reason: i18n.Msg("detect.header.people", "A", name, "B", born)}, nil
		}
	}
	return Detection{Reason: i18n.Msg("detect.unknown")}, nil
}

// readHead reads up to n bytes from the start of path.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:k], nil
}

// levelWords are the words in a layer's file name that say its level, as French open-data files
// are named (circonscriptions-…, iris-…, quartiers-…, bureaux-de-vote-…, voies-…).
var levelWords = []struct{ word, level string }{
	{"circonscription", "constituency"}, {"constituenc", "constituency"}, {"circo", "constituency"},
	{"iris", "neighborhood"}, {"quartier", "neighborhood"}, {"bureau", "neighborhood"},
	{"neighbo", "neighborhood"}, {"voie", "street"}, {"rue", "street"}, {"street", "street"},
}

// LevelFromName guesses an area layer's level from its file name, or "" when the name says nothing.
func LevelFromName(path string) string {
	name := strings.ToLower(filepath.Base(path))
	for _, w := range levelWords {
		if strings.Contains(name, w.word) {
			return w.level
		}
	}
	return ""
}
