package geocode

// CompareStreets says whether two street labels name the same street as Match reads a voter's
// label against the BAN's, either way round: Exact when Match finds one in the other exactly
// ("R. PELLEPORT" and "Rue Pelleport"), Fuzzy when it finds it within its edit bounds ("Rue
// Pelleprot"), Unmatched otherwise. It asks Match itself, so that it reads labels exactly as
// geocoding does.
func CompareStreets(a, b string) Kind {
	best := Unmatched
	for _, pair := range [2][2]string{{a, b}, {b, a}} {
		ix := NewIndex([]Address{{ID: "street", Number: 1, Street: pair[1], Insee: "0"}})
		switch k := ix.Match(VoterAddress{Number: "1", Street: pair[0], Insee: "0"}).Kind; {
		case k == Exact:
			return Exact
		case k == Fuzzy:
			best = Fuzzy
		}
	}
	return best
}
