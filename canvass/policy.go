package canvass

// RefusedError is a request the policy refuses (DOMAIN.md rules 1–4), with the reason in words an
// organizer understands. The CLI exits with code 3 on it.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return "refused: " + e.Reason }
