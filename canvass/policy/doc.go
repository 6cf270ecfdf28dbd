// Package policy decides what the CNIL's rules for door-to-door canvassing allow (DOMAIN.md), in
// one place: pure functions over plain values, with no store, no SQL and no I/O. The rest of the
// program reads the facts and carries the decisions out; the store only stores.
//
// The rules of DOMAIN.md and what enforces them:
//
//  1. Targeting stays at area level. ParseRule reads the rule language: area aggregates only, and
//     a rule naming a person's attribute (age, sex, birthplace, nationality, name) anywhere but in
//     a list's name is refused. Select applies a rule to a layer's units: under K voters a unit
//     is left out of any rule that reads an indicator, whatever its values, and the note says how
//     many and where, never which (no answer depends on a hidden value). Exposed says whether a
//     unit may show its indicators; MinUnitVoters bounds K (10; under 10 only with a reason the
//     register states; never under 5). Only Checker.List makes a PersonalList, the one list
//     that names people.
//  2. Per-person visits need a consent record. Checker.Decide: the person must be one voter of
//     the list (ComparePeople Same, narrowed by the address with ComparePlaces), with a consent
//     that covers a door-to-door visit by this controller on the day (covers: channel, purpose,
//     controller, given, withdrawn, expired). PersonalList.Refusal refuses a list where nobody
//     qualifies: it is never widened. ValidateConsent is the one check of a consent record, typed
//     or imported.
//  3. Regular and occasional contacts. ValidateConsent reads the kind; covers lets an occasional
//     contact be visited once (PersonalList.Occasional lists the consents a list uses up). The
//     tool records no political opinion and crosses no sources, so nothing else is decided here.
//  4. Opposition is permanent. Checker.Decide excludes whoever an objection may concern: a STOP
//     by the same person or one who may be them (ComparePeople Near: other given names, a less
//     precise birth date, or the same person at another address), a do-not-knock at an address
//     that is or may be theirs (ComparePlaces Same or Near, through the BAN as geocoding reads it).
//     A near match excludes, and is reported (Verdict.NearMatch, PersonalList.NearMatches).
//     DoNotKnock marks the same doors on street lists. ValidateObjection is the one check of an
//     objection. The store keeps the opposition list through purges (MayPurge says so).
//  5. Purpose and retention. EndProblems bounds the end date (not past, not before an election,
//     at most a year after the last round: LatestEnd). Ended and MayPurge: the campaign's personal
//     data is purged after its end date, before only when forced. ForbiddenSource refuses consents
//     drawn from an employer's, an association's, a customer's, a public body's or a bought or
//     rented file.
//  6. Transparency: not a decision but a text, written by canvass.Notice on every street list,
//     personal list and leaflet.
//  7. Accountability: the audit trail (data) and the register (canvass.Register), which states K
//     and the reason it is lowered (MinUnitVoters).
//  8. Consent as the basis of targeted messaging: rule 2 above.
//
// Access within the team (CNIL: each person sees what their task needs): Permit says what a Role
// may do (Action) on what it touches (Scope), May whether it may do an action at all (what an
// interface offers, what a listing filters); ParseRole reads a role. canvass.Campaign.As makes a
// member's handle, whose every operation calls Permit on entry: the one place the check is made.
//
// One comparison for each kind of thing: ComparePeople for people (names folded by
// textfold.Key, as geocoding folds labels: case, accents, punctuation, spaces), ComparePlaces for addresses
// (geocode's normalization and BAN match), Day and ValidateConsent's dates for dates (dd/mm/yyyy or
// YYYY-MM-DD). Near-misses are never taken for a match where a match grants something (a consent,
// an identity); they exclude where an objection may apply; they are hinted (Verdict.Hint).
package policy
