package data

import "context"

// ListFields counts the voters of the electoral list whose optional fields are filled, so that the
// register of processing names the categories of data the file really holds.
type ListFields struct {
	Voters      int
	UsageName   int
	Sex         int
	BirthDate   int
	BirthPlace  int
	Nationality int
	Station     int // polling station and order number
	Located     int // matched to a BAN address
}

// ListFields counts the filled optional fields of the electoral list.
func (s *Store) ListFields(ctx context.Context) (ListFields, error) {
	var f ListFields
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(usage_name != ''), 0), coalesce(sum(sex != ''), 0),
		coalesce(sum(birth_date != ''), 0), coalesce(sum(birth_place != '' OR birth_place_code != ''), 0),
		coalesce(sum(nationality != ''), 0), coalesce(sum(station_code != ''), 0),
		(SELECT count(*) FROM voter_addresses WHERE address_id IS NOT NULL) FROM voters`).
		Scan(&f.Voters, &f.UsageName, &f.Sex, &f.BirthDate, &f.BirthPlace, &f.Nationality, &f.Station, &f.Located)
	return f, err
}
