/*
 * model_rules.c - the rules and platform rows of the inputs (see
 * model-int.h): which CPython versions have rules for a platform, in
 * order; which platforms fit the tree being modelled (a Windows tree has
 * \ paths); cycling and typing them.  No curses here.
 */
#include <string.h>

#include "model-int.h"

/* "3.10" after "3.9": for sorting versions. */
static int version_cmp(int amaj, int amin, int bmaj, int bmin)
{
	return amaj != bmaj ? amaj - bmaj : amin - bmin;
}

/*
 * The versions with rules for platform, in order and each once (the rules
 * table has a row per version and platform family).  Returns how many
 * went into major/minor (at most max).
 */
static size_t rules_versions(enum ps_platform platform, int *major, int *minor, size_t max)
{
	size_t i, k, n = 0;
	int a, b;

	for (i = 0; i < ps_rules_count(); i++) {
		if (ps_version_parse(ps_rules_name(i), &a, &b) < 0 || ps_rules_supported(a, b, platform) < 0)
			continue;
		for (k = 0; k < n && version_cmp(major[k], minor[k], a, b) < 0; k++)
			;
		if ((k < n && major[k] == a && minor[k] == b) || n == max)
			continue;
		memmove(major + k + 1, major + k, (n - k) * sizeof(*major));
		memmove(minor + k + 1, minor + k, (n - k) * sizeof(*minor));
		major[k] = a;
		minor[k] = b;
		n++;
	}
	return n;
}

void rules_list(struct ps_buf *b, enum ps_platform platform)
{
	int major[64], minor[64];
	size_t i, n = rules_versions(platform, major, minor, 64);

	for (i = 0; i < n; i++)
		ps_buf_addf(b, " %d.%d", major[i], minor[i]);
}

void rules_cycle_version(struct ps_model *m)
{
	struct ps_build *b = &m->s->in.build;
	int major[64], minor[64];
	size_t i, n = rules_versions(b->platform, major, minor, 64);

	for (i = 0; i < n && version_cmp(major[i], minor[i], b->major, b->minor) <= 0; i++)
		;
	if (i == n)
		i = 0;   /* after the last: around to the first */
	if (!n || (major[i] == b->major && minor[i] == b->minor)) {
		model_status(m, true, "no other version has rules for %s", ps_platform_name(b->platform));
		return;
	}
	b->major = major[i];
	b->minor = minor[i];
	model_recompute(m);
	if (m->have_result)
		model_status(m, false, "rules %d.%d", b->major, b->minor);
}

int rules_set_version(struct ps_model *m, const char *text)
{
	struct ps_build *bd = &m->s->in.build;
	int major, minor;

	if (ps_version_parse(text, &major, &minor) < 0) {
		model_status(m, true, "'%s' is not a version such as 3.12", text);
		return -1;
	}
	if (ps_rules_supported(major, minor, bd->platform) < 0) {
		struct ps_buf b;
		ps_buf_init(&b);
		rules_list(&b, bd->platform);
		xbuf_check(&b);
		model_status(m, true, "no %s rules for %d.%d; there are:%s", ps_platform_name(bd->platform),
			     major, minor, b.s);
		ps_buf_release(&b);
		return -1;
	}
	bd->major = major;
	bd->minor = minor;
	return 0;
}

/*
 * Whether the rules of platform p make sense on the tree being modelled: a
 * Windows tree (\ paths) needs nt, a POSIX one posix or darwin.
 */
static bool platform_fits_tree(const struct ps_model *m, enum ps_platform p)
{
	return (p == PS_PLATFORM_NT) == (m->s->base_fs.platform == PS_PLATFORM_NT);
}

/* The next platform with rules for the version that fits the tree, or -1. */
static int platform_next(const struct ps_model *m)
{
	const struct ps_build *b = &m->s->in.build;
	int k;

	for (k = 1; k < 3; k++) {
		enum ps_platform p = (enum ps_platform)((b->platform + k) % 3);
		if (platform_fits_tree(m, p) && ps_rules_supported(b->major, b->minor, p) == 0)
			return (int)p;
	}
	return -1;
}

void rules_platform_choices(const struct ps_model *m, struct ps_buf *b)
{
	const struct ps_build *bd = &m->s->in.build;
	bool nt_tree = m->s->base_fs.platform == PS_PLATFORM_NT;
	struct ps_buf other, unfit;
	int p;

	ps_buf_init(&other);
	ps_buf_init(&unfit);
	for (p = 0; p < 3; p++) {
		if (p == (int)bd->platform || ps_rules_supported(bd->major, bd->minor, (enum ps_platform)p) < 0)
			continue;
		if (platform_fits_tree(m, (enum ps_platform)p))
			ps_buf_addf(&other, "%s%s", other.len ? ", " : "", ps_platform_name((enum ps_platform)p));
		else
			ps_buf_addf(&unfit, "%s%s", unfit.len ? " and " : "", ps_platform_name((enum ps_platform)p));
	}
	xbuf_check(&other);
	xbuf_check(&unfit);
	if (other.len)
		ps_buf_addf(b, "Enter switches to %s (%d.%d has rules for it)", other.s, bd->major, bd->minor);
	else if (unfit.len)
		ps_buf_addf(b, "nothing to switch to: this is a %s tree; %s need%s a %s one (a scenario with platform: %s)",
			    nt_tree ? "Windows (\\ paths)" : "POSIX (/ paths)", unfit.s,
			    strstr(unfit.s, " and ") ? "" : "s", nt_tree ? "POSIX" : "Windows",
			    nt_tree ? "posix" : "nt");
	else
		ps_buf_addf(b, "nothing to switch to: %d.%d has rules for %s only", bd->major, bd->minor,
			    ps_platform_name(bd->platform));
	ps_buf_release(&other);
	ps_buf_release(&unfit);
}

void rules_cycle_platform(struct ps_model *m)
{
	struct ps_build *b = &m->s->in.build;
	int next = platform_next(m);
	struct ps_buf msg;

	if (next >= 0) {
		b->platform = (enum ps_platform)next;
		model_recompute(m);
		if (m->have_result)
			model_status(m, false, "platform %s", ps_platform_name(b->platform));
		return;
	}
	ps_buf_init(&msg);
	rules_platform_choices(m, &msg);
	xbuf_check(&msg);
	model_status(m, true, "%s", msg.s);
	ps_buf_release(&msg);
}
