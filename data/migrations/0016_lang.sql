-- 0016: the campaign's language (issue 14): the interface and the command line speak it when
-- --lang does not say otherwise; '' follows each user's environment (LANG, LC_ALL, LC_MESSAGES).
ALTER TABLE campaign ADD COLUMN lang TEXT NOT NULL DEFAULT '';
