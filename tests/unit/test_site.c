/*
 * test_site.c - the site.py stage (engine/site.c) over virtual trees.
 *
 * Every tree mirrors a layout built under /tmp and run with the real
 * pyenv interpreters (env -i PATH=/usr/bin:/bin HOME=... PYTHONUSERBASE=...
 * /root/.pyenv/versions/3.1X/bin/python3 -c 'print sys.path, site.*'):
 * the expected sys.path lists below are what they printed, with the real
 * pyenv prefix /root/.pyenv/versions/X kept as the modelled PREFIX.  Other
 * expectations cite getpath-spec §3 / §7 ([E] items).
 *
 * Real runs behind the expectations (abridged):
 *   user base with a.pth (comment, blank, rel, missing, abs twice, import,
 *   "  sp", a file, "/tmp/h7/gt/../gt/abs2  "), .d.pth, Z.pth, b.pth with a
 *   BOM: 3.11/3.12 -> [.., ub sp, ub sp/dot, ub sp/rel, /abs, ub sp/"  sp",
 *   ub sp/afile, /abs2, base sp]; 3.13 adds ub sp/bomdir after /abs2 and
 *   drops ub sp/dot.
 *   venv include-system-site-packages false/yes -> ENABLE_USER_SITE False,
 *   [.., venv sp, venv sp/inv]; true/absent -> [.., venv sp, venv sp/inv,
 *   user sp, base sp].  -s / -I -> ENABLE False; -E keeps PYTHONUSERBASE;
 *   PYTHONNOUSERSITE=0 -> True, =abc -> False; no HOME -> pw_dir/.local;
 *   HOME="" -> /.local; HOME=/x// -> /x/.local; PYTHONUSERBASE=~/u stays
 *   "~/u".  A .pth with byte 0xff (3.11-3.13, C locale) -> "Fatal Python
 *   error: init_import_site: Failed to import the site module", rc 1,
 *   "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 11:
 *   invalid start byte".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "helper_tree.h"

static const char *const micro[] = { [8] = "3.8.18", [9] = "3.9.18", [10] = "3.10.13",
				      [11] = "3.11.7", [12] = "3.12.1", [13] = "3.13.0",
				      [14] = "3.14.0" };

/* The pyenv install of 3.<minor> with the micro of the real run behind each expectation
 * (it decides gh-113659). */
static void fx_init(struct ps_pyenv *f, int minor)
{
	ps_pyenv_init(f, minor, micro[minor]);
	f->t->in.build.micro = atoi(strrchr(micro[minor], '.') + 1);
}

static void dump_path(const struct ps_pyenv *f)
{
	for (size_t i = 0; i < f->t->r.sys.path.n; i++)
		print_message("  [%zu] '%s'\n", i, f->t->r.sys.path.v[i]);
}

/* Compares sys.path with want (NULL-terminated; "%P" prefix, "%L" lib, "%S" base sp, "%U" user sp). */
static void expect_path(const struct ps_pyenv *f, const char *const *want)
{
	size_t n = 0;
	assert_true(f->t->r.has_sys);
	for (; want[n]; n++) {
		char buf[512];
		const char *w = want[n];
		if (!strncmp(w, "%P", 2))
			snprintf(buf, sizeof buf, "%s%s", f->prefix, w + 2);
		else if (!strncmp(w, "%L", 2))
			snprintf(buf, sizeof buf, "%s%s", f->lib, w + 2);
		else if (!strncmp(w, "%S", 2))
			snprintf(buf, sizeof buf, "%s%s", f->sp, w + 2);
		else if (!strncmp(w, "%U", 2))
			snprintf(buf, sizeof buf, "%s%s", f->usp, w + 2);
		else
			snprintf(buf, sizeof buf, "%s", w);
		if (n >= f->t->r.sys.path.n || strcmp(f->t->r.sys.path.v[n], buf) != 0) {
			print_error("sys.path[%zu]: want '%s', got '%s'\n", n, buf,
				    n < f->t->r.sys.path.n ? f->t->r.sys.path.v[n] : "(end)");
			dump_path(f);
			fail();
		}
	}
	if (f->t->r.sys.path.n != n) {
		print_error("sys.path has %zu entries, want %zu\n", f->t->r.sys.path.n, n);
		dump_path(f);
		fail();
	}
	assert_int_equal(f->t->r.nentries, f->t->r.sys.path.n);
	for (size_t i = 0; i < f->t->r.nentries; i++)
		assert_string_equal(f->t->r.entries[i].path, f->t->r.sys.path.v[i]);
}

static const struct ps_pth_line *pth_find(const struct ps_pyenv *f, const char *file_suffix, int line)
{
	for (size_t i = 0; i < f->t->r.npth; i++) {
		const char *fl = f->t->r.pth[i].file;
		size_t a = strlen(fl), b = strlen(file_suffix);
		if (f->t->r.pth[i].line == line && a >= b && !strcmp(fl + a - b, file_suffix))
			return &f->t->r.pth[i];
	}
	return NULL;
}

static const struct ps_entry *entry_of(const struct ps_pyenv *f, const char *path)
{
	for (size_t i = 0; i < f->t->r.nentries; i++)
		if (!strcmp(f->t->r.entries[i].path, path))
			return &f->t->r.entries[i];
	return NULL;
}

static bool notes_have(const struct ps_pyenv *f, const char *needle)
{
	for (size_t i = 0; i < f->t->r.notes.n; i++)
		if (strstr(f->t->r.notes.v[i], needle))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */

static void plain_install(void **state)
{
	static const char *const want[] = { "", "%P/lib/python312.zip", "%L", "%L/lib-dynload",
					    "%S", NULL };
	struct ps_pyenv f;
	(void)state;
	fx_init(&f, 12);
	ps_tree_run(f.t);
	expect_path(&f, want);
	assert_true(f.t->r.sys.site_ran);
	assert_int_equal(f.t->r.sys.enable_user_site, 1);
	assert_string_equal(f.t->r.sys.user_base, "/home/me/.local");
	assert_string_equal(f.t->r.sys.user_site, "/home/me/.local/lib/python3.12/site-packages");
	assert_null(f.t->r.sys.home);
	assert_int_equal(entry_of(&f, f.sp)->origin, PS_ORIGIN_SITE_PACKAGES);
	ps_pyenv_release(&f);
}

/* The .pth fixture of the real runs (see the top comment). */
static void pth_fixture(struct ps_pyenv *f, bool with_bom)
{
	static const char a[] = "# comment\n\nrel\nmissing\n/tmp/h7/gt/abs\n/tmp/h7/gt/abs\n"
				"import sys\n  sp\nafile\n/tmp/h7/gt/../gt/abs2  \n";
	char p[256];
	ps_env_set(&f->t->in.env, "PYTHONUSERBASE", "/u");
	ps_tree_addf(f->t, PS_FT_DIR, NULL, "%s/rel", f->usp);
	ps_tree_addf(f->t, PS_FT_DIR, NULL, "%s/  sp", f->usp);
	ps_tree_addf(f->t, PS_FT_DIR, NULL, "%s/bomdir", f->usp);
	ps_tree_addf(f->t, PS_FT_DIR, NULL, "%s/dot", f->usp);
	ps_tree_addf(f->t, PS_FT_FILE, NULL, "%s/afile", f->usp);
	ps_tree_dir(f->t, "/tmp/h7/gt/abs");
	ps_tree_dir(f->t, "/tmp/h7/gt/abs2");
	ps_tree_addf(f->t, PS_FT_FILE, a, "%s/a.pth", f->usp);
	ps_tree_addf(f->t, PS_FT_FILE, "dot\n", "%s/.d.pth", f->usp);
	ps_tree_addf(f->t, PS_FT_FILE, "rel\n", "%s/Z.pth", f->usp);
	if (with_bom) {
		snprintf(p, sizeof p, "%s/b.pth", f->usp);
		ps_tree_bytes(f->t, p, "\xef\xbb\xbf" "bomdir\n", 10);
	}
}

static void pth_lines_312(void **state)
{
	static const char *const want[] = { "", "%P/lib/python312.zip", "%L", "%L/lib-dynload",
					    "%U", "%U/dot", "%U/rel", "/tmp/h7/gt/abs", "%U/  sp",
					    "%U/afile", "/tmp/h7/gt/abs2", "%S", NULL };
	struct ps_pyenv f;
	const struct ps_pth_line *l;
	(void)state;
	fx_init(&f, 12);
	pth_fixture(&f, true);
	ps_tree_run(f.t);
	expect_path(&f, want);
	/* every line of a.pth, and what happened to it */
	assert_int_equal(pth_find(&f, "/a.pth", 1)->action, PS_PTH_COMMENT);
	assert_int_equal(pth_find(&f, "/a.pth", 2)->action, PS_PTH_BLANK);
	assert_int_equal(pth_find(&f, "/a.pth", 3)->action, PS_PTH_DUPLICATE); /* rel: Z.pth first */
	assert_int_equal(pth_find(&f, "/a.pth", 4)->action, PS_PTH_MISSING);
	assert_int_equal(pth_find(&f, "/a.pth", 5)->action, PS_PTH_ADDED);
	assert_int_equal(pth_find(&f, "/a.pth", 6)->action, PS_PTH_DUPLICATE);
	l = pth_find(&f, "/a.pth", 7);
	assert_int_equal(l->action, PS_PTH_IMPORT);
	assert_string_equal(l->text, "import sys");
	assert_non_null(strstr(l->detail, "would run: import sys"));
	assert_int_equal(pth_find(&f, "/a.pth", 8)->action, PS_PTH_ADDED);
	assert_int_equal(pth_find(&f, "/a.pth", 9)->action, PS_PTH_ADDED);
	assert_int_equal(pth_find(&f, "/a.pth", 10)->action, PS_PTH_ADDED);
	assert_null(pth_find(&f, "/a.pth", 11));
	/* the BOM stays in line 1 of b.pth: the entry is lost */
	l = pth_find(&f, "/b.pth", 1);
	assert_int_equal(l->action, PS_PTH_MISSING);
	assert_true(notes_have(&f, "would run `import sys`"));
	/* entries explain themselves */
	assert_int_equal(entry_of(&f, f.usp)->origin, PS_ORIGIN_USER_SITE);
	assert_int_equal(entry_of(&f, "/tmp/h7/gt/abs")->origin, PS_ORIGIN_PTH);
	{
		char d[256];
		snprintf(d, sizeof d, "added by %s/a.pth, line 5", f.usp);
		assert_string_equal(entry_of(&f, "/tmp/h7/gt/abs")->detail, d);
	}
	ps_pyenv_release(&f);
}

static void pth_lines_311(void **state)
{
	static const char *const want[] = { "", "%P/lib/python311.zip", "%L", "%L/lib-dynload",
					    "%U", "%U/dot", "%U/rel", "/tmp/h7/gt/abs", "%U/  sp",
					    "%U/afile", "/tmp/h7/gt/abs2", "%S", NULL };
	struct ps_pyenv f;
	(void)state;
	fx_init(&f, 11);
	pth_fixture(&f, true);
	ps_tree_run(f.t);
	expect_path(&f, want);
	ps_pyenv_release(&f);
}

static void pth_lines_313(void **state)
{
	static const char *const want[] = { "", "%P/lib/python313.zip", "%L", "%L/lib-dynload",
					    "%U", "%U/rel", "/tmp/h7/gt/abs", "%U/  sp", "%U/afile",
					    "/tmp/h7/gt/abs2", "%U/bomdir", "%S", NULL };
	struct ps_pyenv f;
	const struct ps_pth_line *l;
	(void)state;
	fx_init(&f, 13);
	pth_fixture(&f, true);
	ps_tree_run(f.t);
	expect_path(&f, want);
	/* .d.pth is skipped by name in 3.13, and its lines are recorded as ignored */
	l = pth_find(&f, "/.d.pth", 1);
	assert_non_null(l);
	assert_int_equal(l->action, PS_PTH_IGNORED);
	assert_int_equal(pth_find(&f, "/b.pth", 1)->action, PS_PTH_ADDED);
	ps_pyenv_release(&f);
}

/* An editable install's .pth carrying UF_HIDDEN: 3.13 skips it, 3.12 reads it (spec T6.1). */
static void pth_hidden_flag(void **state)
{
	struct ps_pyenv f;
	char p[256];
	struct ps_error err;
	(void)state;
	for (int minor = 12; minor <= 13; minor++) {
		fx_init(&f, minor);
		ps_tree_dir(f.t, "/src/proj");
		snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
		ps_tree_text(f.t, p, "/src/proj\n");
		ps_error_init(&err);
		assert_int_equal(ps_vfs_set_hidden(f.t->v, p, true, &err), 0);
		ps_tree_run(f.t);
		if (minor == 12) {
			/* 3.12.1: before the gh-113659 backport */
			assert_non_null(entry_of(&f, "/src/proj"));
		} else {
			const struct ps_pth_line *l = pth_find(&f, "/__editable__.proj.pth", 1);
			assert_null(entry_of(&f, "/src/proj"));
			assert_non_null(l);
			assert_int_equal(l->action, PS_PTH_IGNORED);
			assert_non_null(strstr(l->detail, "hidden"));
		}
		ps_pyenv_release(&f);
	}
}

/*
 * gh-113659 by micro version: a '.x.pth' (and a file with the hidden
 * flag) is processed by 3.8.18, 3.9.18, 3.10.13, 3.11.7 and 3.12.1 (real
 * runs: PYTHONUSERBASE with .x.pth naming dotdir -> dotdir on sys.path)
 * and skipped by 3.13.0 (real run: not on sys.path) and by the security
 * releases 3.8.19, 3.9.19, 3.10.14, 3.11.8, 3.12.2 (Misc/NEWS.d of each,
 * section Security: "Skip .pth files with names starting with a dot or
 * hidden file attribute").  An unknown micro is taken as the newest
 * release, and the detail says so.
 */
static void pth_hidden_by_micro(void **state)
{
	static const struct {
		int minor, micro;
		bool skips;
	} cases[] = {
		{ 8, 18, false }, { 8, 19, true }, { 9, 18, false }, { 9, 19, true },
		{ 10, 13, false }, { 10, 14, true }, { 11, 7, false }, { 11, 8, true },
		{ 12, 1, false }, { 12, 2, true }, { 12, 0, false }, { 13, 0, true },
		{ 12, -1, true }, { 8, -1, true }, { 13, -1, true },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ps_pyenv f;
		struct ps_error err;
		char p[256], dir[256], ed[256];
		const struct ps_pth_line *l;
		fx_init(&f, cases[i].minor);
		f.t->in.build.micro = cases[i].micro;
		ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
		snprintf(dir, sizeof dir, "%s/dotdir", f.usp);
		ps_tree_dir(f.t, dir);
		snprintf(p, sizeof p, "%s/.x.pth", f.usp);
		ps_tree_text(f.t, p, "dotdir\n");
		snprintf(ed, sizeof ed, "%s/eddir", f.usp);
		ps_tree_dir(f.t, ed);
		snprintf(p, sizeof p, "%s/ed.pth", f.usp);
		ps_tree_text(f.t, p, "eddir\n");
		ps_error_init(&err);
		assert_int_equal(ps_vfs_set_hidden(f.t->v, p, true, &err), 0);
		ps_tree_run(f.t);
		if (!!entry_of(&f, dir) == cases[i].skips || !!entry_of(&f, ed) == cases[i].skips) {
			print_error("3.%d micro %d: want %s\n", cases[i].minor, cases[i].micro,
				    cases[i].skips ? "skipped" : "processed");
			dump_path(&f);
			fail();
		}
		l = pth_find(&f, "/.x.pth", 1);
		assert_non_null(l);
		if (cases[i].skips) {
			assert_int_equal(l->action, PS_PTH_IGNORED);
			assert_int_equal(pth_find(&f, "/ed.pth", 1)->action, PS_PTH_IGNORED);
			/* an unknown micro of 3.8-3.12: the assumption is spelled out */
			if (cases[i].micro < 0 && cases[i].minor < 13) {
				assert_non_null(strstr(l->detail, "micro version is unknown"));
				assert_non_null(strstr(pth_find(&f, "/ed.pth", 1)->detail,
						       "newest release is assumed"));
			} else {
				assert_null(strstr(l->detail, "unknown"));
			}
		} else {
			assert_int_equal(l->action, PS_PTH_ADDED);
			assert_int_equal(pth_find(&f, "/ed.pth", 1)->action, PS_PTH_ADDED);
		}
		ps_pyenv_release(&f);
	}
}

/*
 * A record about a .pth file as a whole has line 0, text "" and a detail:
 * a file site.py cannot open (a directory named d.pth: real 3.12.1 skips
 * it silently, sys.path unchanged), an empty file it skips (3.13.0 with an
 * empty .empty.pth: nothing happens), one it cannot decode (the fatal
 * case, pth_undecodable_fatal).  A skipped file that has lines gets one
 * "ignored" record per line, numbered from 1.
 */
static void pth_whole_file_records(void **state)
{
	struct ps_pyenv f;
	char p[256];
	const struct ps_pth_line *l;
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
	ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/d.pth", f.usp);
	ps_tree_run(f.t);
	l = pth_find(&f, "/d.pth", 0);
	assert_non_null(l);
	assert_int_equal(l->action, PS_PTH_IGNORED);
	assert_string_equal(l->text, "");
	assert_non_null(strstr(l->detail, "cannot be opened"));
	assert_int_equal(f.t->r.npth, 1);
	ps_pyenv_release(&f);

	fx_init(&f, 13);
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
	snprintf(p, sizeof p, "%s/.empty.pth", f.usp);
	ps_tree_text(f.t, p, "");
	snprintf(p, sizeof p, "%s/.two.pth", f.usp);
	ps_tree_text(f.t, p, "a\nb\n");
	ps_tree_run(f.t);
	l = pth_find(&f, "/.empty.pth", 0);
	assert_non_null(l);
	assert_int_equal(l->action, PS_PTH_IGNORED);
	assert_string_equal(l->text, "");
	assert_non_null(strstr(l->detail, "starts with '.'"));
	assert_null(pth_find(&f, "/.two.pth", 0));
	assert_string_equal(pth_find(&f, "/.two.pth", 1)->text, "a");
	assert_int_equal(pth_find(&f, "/.two.pth", 2)->action, PS_PTH_IGNORED);
	ps_pyenv_release(&f);
}

/* Undecodable .pth under the C locale: init_import_site fails (real runs, see top). */
static void pth_undecodable_fatal(void **state)
{
	struct ps_pyenv f;
	char p[256];
	(void)state;
	for (int minor = 11; minor <= 13; minor++) {
		fx_init(&f, minor);
		ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
		snprintf(p, sizeof p, "%s/a.pth", f.usp);
		ps_tree_bytes(f.t, p, "/tmp/h7/d1\n\xff\xfe bad\n/tmp/h7/d2\n", 27);
		ps_tree_run(f.t);
		assert_true(f.t->r.has_fatal);
		assert_false(f.t->r.has_sys);
		assert_string_equal(f.t->r.fatal.message, "init_import_site: Failed to import the site module");
		assert_int_equal(f.t->r.fatal.exit_status, 1);
		assert_non_null(strstr(f.t->r.fatal.cause,
				       "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in "
				       "position 11: invalid start byte"));
		/* the whole file: one record, line 0 */
		assert_int_equal(f.t->r.npth, 1);
		assert_int_equal(f.t->r.pth[0].line, 0);
		assert_int_equal(f.t->r.pth[0].action, PS_PTH_ERROR);
		assert_string_equal(f.t->r.pth[0].text, "");
		assert_non_null(strstr(f.t->r.pth[0].detail, "cannot be decoded"));
		ps_pyenv_release(&f);
	}
}

/* A Latin-1 locale decodes every byte: no failure, the path is kept byte for byte. */
static void pth_undecodable_latin1(void **state)
{
	struct ps_pyenv f;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "LANG", "de_DE.ISO-8859-1");
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
	ps_tree_dir(f.t, "/d\xe9j\xe0");
	snprintf(p, sizeof p, "%s/a.pth", f.usp);
	ps_tree_text(f.t, p, "/d\xe9j\xe0\n");
	ps_tree_run(f.t);
	assert_false(f.t->r.has_fatal);
	assert_non_null(entry_of(&f, "/d\xe9j\xe0"));
	ps_pyenv_release(&f);
}

/* venvs with every include-system-site-packages variant (real runs, see top). */
static void venv_variants(void **state)
{
	static const char *const kinds[] = { "false", "true", NULL, "yes", "True" };
	(void)state;
	for (int minor = 12; minor <= 13; minor++) {
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			struct ps_pyenv f;
			char cfg[256], sp[128], zip[128], want_inv[160];
			bool sys_site = !kinds[k] || !strcmp(kinds[k], "true") || !strcmp(kinds[k], "True");
			fx_init(&f, minor);
			ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
			ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s", f.usp);
			if (kinds[k])
				snprintf(cfg, sizeof cfg, "home = %s/bin\ninclude-system-site-packages = %s\n",
					 f.prefix, kinds[k]);
			else
				snprintf(cfg, sizeof cfg, "home = %s/bin\n", f.prefix);
			ps_tree_text(f.t, "/v/pyvenv.cfg", cfg);
			snprintf(sp, sizeof sp, "/v/lib/python3.%d/site-packages", minor);
			ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/inv", sp);
			ps_tree_addf(f.t, PS_FT_FILE, "inv\nimport os\n", "%s/v.pth", sp);
			{
				char t[128];
				snprintf(t, sizeof t, "%s/bin/python3.%d", f.prefix, minor);
				ps_tree_link(f.t, "/v/bin/python", t);
			}
			ps_set_str(&f.t->in.argv0, "/v/bin/python");
			ps_tree_run(f.t);
			snprintf(zip, sizeof zip, "%s/lib/python3%d.zip", f.prefix, minor);
			snprintf(want_inv, sizeof want_inv, "%s/inv", sp);
			{
				const char *const w_iso[] = { "", zip, f.lib, "%L/lib-dynload", sp, want_inv, NULL };
				const char *const w_sys[] = { "", zip, f.lib, "%L/lib-dynload", sp, want_inv,
							      "%U", "%S", NULL };
				char lib[128];
				snprintf(lib, sizeof lib, "%s", f.lib);
				(void)lib;
				expect_path(&f, sys_site ? w_sys : w_iso);
			}
			assert_string_equal(f.t->r.sys.prefix, "/v");
			assert_string_equal(f.t->r.sys.exec_prefix, "/v");
			assert_string_equal(f.t->r.sys.base_prefix, f.prefix);
			assert_int_equal(f.t->r.sys.enable_user_site, sys_site ? 1 : 0);
			{
				char h[128];
				snprintf(h, sizeof h, "%s/bin", f.prefix);
				assert_string_equal(f.t->r.sys.home, h);
			}
			/* the venv's site-packages are processed twice: the import line runs twice */
			{
				int imports = 0;
				for (size_t i = 0; i < f.t->r.npth; i++)
					imports += f.t->r.pth[i].action == PS_PTH_IMPORT;
				assert_int_equal(imports, 2);
			}
			ps_pyenv_release(&f);
		}
	}
}

/* Cfg only next to the executable: site.py sets sys.prefix to the parent (spec #19 [E]). */
static void venv_cfg_in_bin(void **state)
{
	struct ps_pyenv f;
	char t[128], cfg[160];
	(void)state;
	fx_init(&f, 12);
	snprintf(cfg, sizeof cfg, "home = %s/bin\n", f.prefix);
	ps_tree_text(f.t, "/t/bin/pyvenv.cfg", cfg);
	snprintf(t, sizeof t, "%s/bin/python3.12", f.prefix);
	ps_tree_link(f.t, "/t/bin/python", t);
	ps_set_str(&f.t->in.argv0, "/t/bin/python");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.prefix, "/t");
	assert_string_equal(f.t->r.sys.exec_prefix, "/t");
	ps_pyenv_release(&f);
}

/* -s, -I, PYTHONNOUSERSITE, -E with PYTHONUSERBASE (real runs, spec #47 #49). */
static void user_site_switches(void **state)
{
	struct {
		const char *flag, *env, *val;
		int enable;
	} cases[] = {
		{ "-s", NULL, NULL, 0 },
		{ "-I", NULL, NULL, 0 },
		{ "-E", NULL, NULL, 1 },
		{ NULL, "PYTHONNOUSERSITE", "0", 1 },
		{ NULL, "PYTHONNOUSERSITE", "abc", 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ps_pyenv f;
		fx_init(&f, 12);
		ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
		ps_tree_dir(f.t, f.usp);
		if (cases[i].flag && !strcmp(cases[i].flag, "-s"))
			f.t->in.flags.no_user_site = true;
		if (cases[i].flag && !strcmp(cases[i].flag, "-I"))
			f.t->in.flags.isolated = true;
		if (cases[i].flag && !strcmp(cases[i].flag, "-E"))
			f.t->in.flags.ignore_environment = true;
		if (cases[i].env)
			ps_env_set(&f.t->in.env, cases[i].env, cases[i].val);
		ps_tree_run(f.t);
		assert_int_equal(f.t->r.sys.enable_user_site, cases[i].enable);
		assert_string_equal(f.t->r.sys.user_base, "/u");
		assert_string_equal(f.t->r.sys.user_site, f.usp);
		if (cases[i].enable)
			assert_non_null(entry_of(&f, f.usp));
		else
			assert_null(entry_of(&f, f.usp));
		ps_pyenv_release(&f);
	}
}

/* USER_BASE from HOME / the password database (real runs, see top). */
static void user_base_sources(void **state)
{
	struct ps_pyenv f;
	(void)state;
	fx_init(&f, 12);
	ps_env_unset(&f.t->in.env, "HOME");
	ps_set_str(&f.t->in.pw_home, "/root");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.user_base, "/root/.local");
	ps_pyenv_release(&f);

	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "HOME", "");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.user_base, "/.local");
	ps_pyenv_release(&f);

	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "HOME", "/x//");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.user_base, "/x/.local");
	assert_string_equal(f.t->r.sys.user_site, "/x/.local/lib/python3.12/site-packages");
	ps_pyenv_release(&f);

	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "~/u");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.user_base, "~/u");
	assert_string_equal(f.t->r.sys.user_site, "~/u/lib/python3.12/site-packages");
	ps_pyenv_release(&f);

	/* setuid: ENABLE_USER_SITE None */
	fx_init(&f, 12);
	f.t->in.setuid = true;
	ps_tree_run(f.t);
	assert_int_equal(f.t->r.sys.enable_user_site, -1);
	ps_pyenv_release(&f);
}

/* -S: site.py does not run; no site-packages, no venv switch (spec #11 [E]). */
static void no_site(void **state)
{
	static const char *const want[] = { "", "%P/lib/python312.zip", "%L", "%L/lib-dynload", NULL };
	struct ps_pyenv f;
	(void)state;
	fx_init(&f, 12);
	f.t->in.flags.no_site = true;
	ps_tree_run(f.t);
	expect_path(&f, want);
	assert_false(f.t->r.sys.site_ran);
	assert_null(f.t->r.sys.user_site);
	assert_int_equal(f.t->r.sys.enable_user_site, -1);
	ps_pyenv_release(&f);
}

/* removeduppaths: PYTHONPATH entries already absolute in 3.11+, duplicates dropped (spec #46). */
static void dedup(void **state)
{
	static const char *const want[] = { "", "/home/me/rel1", "/home/me", "/abs3",
					    "%P/lib/python312.zip", "%L", "%L/lib-dynload", "%S", NULL };
	struct ps_pyenv f;
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONPATH", "rel1::/abs2/../abs3:");
	ps_tree_run(f.t);
	expect_path(&f, want);
	ps_pyenv_release(&f);
}

/* Debian's patched site.py, detected from the installed site.py (spec T4, #54 [E]). */
static void debian(void **state)
{
	static const char *const want[] = { "", "/usr/lib/python311.zip", "/usr/lib/python3.11",
					    "/usr/lib/python3.11/lib-dynload",
					    "/usr/local/lib/python3.11/dist-packages",
					    "/usr/lib/python3/dist-packages", NULL };
	struct ps_pyenv f;
	(void)state;
	memset(&f, 0, sizeof f);
	f.minor = 11;
	f.t = ps_tree_new(PS_PLATFORM_POSIX, 3, 11, "/usr/bin/python3.11", "/root");
	ps_tree_xfile(f.t, "/usr/bin/python3.11");
	ps_tree_file(f.t, "/usr/lib/python3.11/os.py");
	ps_tree_file(f.t, "/usr/lib/python3.11/encodings/__init__.py");
	ps_tree_text(f.t, "/usr/lib/python3.11/site.py",
		     "# Debian: /usr/local/lib/python3.X/dist-packages\n");
	ps_tree_dir(f.t, "/usr/lib/python3.11/lib-dynload");
	ps_tree_dir(f.t, "/usr/lib/python3.11/site-packages");
	ps_tree_dir(f.t, "/usr/local/lib/python3.11/dist-packages");
	ps_tree_dir(f.t, "/usr/lib/python3/dist-packages");
	ps_tree_dir(f.t, "/root");
	f.t->in.build.debian_site = -1;
	ps_set_str(&f.t->in.build.prefix, "/usr");
	ps_tree_env(f.t, "HOME", "/root");
	ps_tree_run(f.t);
	{
		size_t n = 0;
		while (want[n])
			n++;
		if (f.t->r.sys.path.n != n)
			dump_path(&f);
		assert_int_equal(f.t->r.sys.path.n, n);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(f.t->r.sys.path.v[i], want[i]);
	}
	ps_pyenv_release(&f);
}

/* sitecustomize on sys.path is noted, never run. */
static void sitecustomize_noted(void **state)
{
	struct ps_pyenv f;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	snprintf(p, sizeof p, "%s/sitecustomize.py", f.sp);
	ps_tree_text(f.t, p, "import sys; sys.path.append('/evil')\n");
	ps_tree_run(f.t);
	assert_true(notes_have(&f, "sitecustomize present"));
	assert_true(notes_have(&f, p));
	assert_null(entry_of(&f, "/evil"));
	ps_pyenv_release(&f);
}

/* 3.14: no prefix switch in site.py, base prefixes appended to PREFIXES (spec T2.4/T2.6 [S]). */
static void venv_314(void **state)
{
	struct ps_pyenv f;
	char t[128], cfg[160];
	(void)state;
	fx_init(&f, 14);
	snprintf(cfg, sizeof cfg, "home = %s/bin\n", f.prefix);
	ps_tree_text(f.t, "/v/pyvenv.cfg", cfg);
	ps_tree_dir(f.t, "/v/lib/python3.14/site-packages");
	snprintf(t, sizeof t, "%s/bin/python3.14", f.prefix);
	ps_tree_link(f.t, "/v/bin/python", t);
	ps_set_str(&f.t->in.argv0, "/v/bin/python");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.prefix, "/v");
	assert_non_null(entry_of(&f, "/v/lib/python3.14/site-packages"));
	assert_non_null(entry_of(&f, f.sp));
	assert_true(entry_of(&f, "/v/lib/python3.14/site-packages") < entry_of(&f, f.sp));
	ps_pyenv_release(&f);
}

/*
 * An import line naming a module that exists nowhere: real 3.12 run of
 * site.addsitedir on a dir with b.pth = "import nonexistent_xyz\nafter\n"
 * printed "Error processing line 1 of .../b.pth:", the traceback ending in
 * "ModuleNotFoundError: No module named 'nonexistent_xyz'" and "Remainder of
 * file ignored"; `after` was not added.  An import of a standard-library
 * module (os, found in the stdlib) is only recorded.
 */
static void pth_import_error(void **state)
{
	struct ps_pyenv f;
	char p[256];
	const struct ps_pth_line *l;
	(void)state;
	fx_init(&f, 12);
	ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/after", f.sp);
	ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/before", f.sp);
	ps_tree_addf(f.t, PS_FT_FILE, NULL, "%s/json/__init__.py", f.lib);
	snprintf(p, sizeof p, "%s/a.pth", f.sp);
	ps_tree_text(f.t, p, "import json, sys\nbefore\n");
	snprintf(p, sizeof p, "%s/b.pth", f.sp);
	ps_tree_text(f.t, p, "import nonexistent_xyz\nafter\n");
	ps_tree_run(f.t);
	l = pth_find(&f, "/a.pth", 1);
	assert_int_equal(l->action, PS_PTH_IMPORT);
	assert_non_null(strstr(l->detail, "standard-library"));
	snprintf(p, sizeof p, "%s/before", f.sp);
	assert_non_null(entry_of(&f, p));
	l = pth_find(&f, "/b.pth", 1);
	assert_int_equal(l->action, PS_PTH_ERROR);
	assert_non_null(strstr(l->detail, "No module named 'nonexistent_xyz'"));
	assert_int_equal(pth_find(&f, "/b.pth", 2)->action, PS_PTH_IGNORED);
	snprintf(p, sizeof p, "%s/after", f.sp);
	assert_null(entry_of(&f, p));
	assert_true(notes_have(&f, "Error processing line 1 of"));
	ps_pyenv_release(&f);

	/*
	 * A third-party import earlier (its effect unknown, but nothing on its
	 * line touches sys.path) does not stop a later certain failure: real
	 * 3.12.1 with a.pth "import thirdparty" (an empty thirdparty.py) and
	 * this b.pth prints "Error processing line 1 of .../b.pth" and never
	 * adds `after`.  The same with a.pth "import sys; sys.flags".
	 */
	for (int k = 0; k < 2; k++) {
		fx_init(&f, 12);
		ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/after", f.sp);
		ps_tree_addf(f.t, PS_FT_FILE, NULL, "%s/thirdparty.py", f.sp);
		snprintf(p, sizeof p, "%s/a.pth", f.sp);
		ps_tree_text(f.t, p, k == 0 ? "import thirdparty\n" : "import sys; sys.flags\n");
		snprintf(p, sizeof p, "%s/b.pth", f.sp);
		ps_tree_text(f.t, p, "import nonexistent_xyz\nafter\n");
		ps_tree_run(f.t);
		assert_int_equal(pth_find(&f, "/a.pth", 1)->action, PS_PTH_IMPORT);
		l = pth_find(&f, "/b.pth", 1);
		assert_int_equal(l->action, PS_PTH_ERROR);
		assert_null(strstr(l->detail, "uncertain"));
		assert_int_equal(pth_find(&f, "/b.pth", 2)->action, PS_PTH_IGNORED);
		snprintf(p, sizeof p, "%s/after", f.sp);
		assert_null(entry_of(&f, p));
		ps_pyenv_release(&f);
	}

	/*
	 * An earlier line that touches sys.path: real 3.12.1 with a.pth
	 * "import sys; sys.path.append('/nowhere_h19')" still fails b.pth's
	 * line 1 (and appends /nowhere_h19, which pathscope cannot see).  The
	 * failure is predicted, marked uncertain; so is the position of every
	 * entry appended after that line.
	 */
	fx_init(&f, 12);
	ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/after", f.sp);
	ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/later", f.sp);
	snprintf(p, sizeof p, "%s/a.pth", f.sp);
	ps_tree_text(f.t, p, "import sys; sys.path.append('/nowhere_h19')\n");
	snprintf(p, sizeof p, "%s/b.pth", f.sp);
	ps_tree_text(f.t, p, "import nonexistent_xyz\nafter\n");
	snprintf(p, sizeof p, "%s/c.pth", f.sp);
	ps_tree_text(f.t, p, "later\n");
	ps_tree_run(f.t);
	l = pth_find(&f, "/a.pth", 1);
	assert_int_equal(l->action, PS_PTH_IMPORT);
	assert_non_null(strstr(l->detail, "touches sys.path"));
	l = pth_find(&f, "/b.pth", 1);
	assert_int_equal(l->action, PS_PTH_ERROR);
	assert_non_null(strstr(l->detail, "uncertain"));
	assert_non_null(strstr(l->detail, "/a.pth"));
	assert_int_equal(pth_find(&f, "/b.pth", 2)->action, PS_PTH_IGNORED);
	l = pth_find(&f, "/c.pth", 1);
	assert_int_equal(l->action, PS_PTH_ADDED);
	assert_non_null(strstr(l->detail, "uncertain position"));
	snprintf(p, sizeof p, "%s/later", f.sp);
	assert_non_null(strstr(entry_of(&f, p)->detail, "uncertain position"));
	/* the site-packages directory itself came before: certain */
	assert_null(strstr(entry_of(&f, f.sp)->detail, "uncertain"));
	ps_pyenv_release(&f);

	/*
	 * setuptools' line with SETUPTOOLS_USE_DISTUTILS=stdlib only imports
	 * os; with =local its add_shim() adds a finder for distutils alone.
	 * Either way a later import of a module that exists nowhere fails
	 * (real 3.12.1, both settings: "Error processing line 1 of .../zz.pth").
	 */
	for (int k = 0; k < 2; k++) {
		fx_init(&f, 12);
		ps_env_set(&f.t->in.env, "SETUPTOOLS_USE_DISTUTILS", k == 0 ? "stdlib" : "local");
		ps_tree_addf(f.t, PS_FT_FILE, NULL, "%s/_distutils_hack/__init__.py", f.sp);
		ps_tree_addf(f.t, PS_FT_DIR, NULL, "%s/after", f.sp);
		snprintf(p, sizeof p, "%s/distutils-precedence.pth", f.sp);
		ps_tree_text(f.t, p,
		    "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, "
		    "'local') == 'local'; enabled and __import__('_distutils_hack').add_shim(); \n");
		snprintf(p, sizeof p, "%s/zz.pth", f.sp);
		ps_tree_text(f.t, p, "import missing_mod_h15\nafter\n");
		ps_tree_run(f.t);
		l = pth_find(&f, "/distutils-precedence.pth", 1);
		assert_int_equal(l->action, PS_PTH_IMPORT);
		if (k == 0)
			assert_non_null(strstr(l->detail, "standard-library"));
		l = pth_find(&f, "/zz.pth", 1);
		assert_int_equal(l->action, PS_PTH_ERROR);
		assert_null(strstr(l->detail, "uncertain"));
		snprintf(p, sizeof p, "%s/after", f.sp);
		assert_null(entry_of(&f, p));
		ps_pyenv_release(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_install),
		cmocka_unit_test(pth_lines_311),
		cmocka_unit_test(pth_lines_312),
		cmocka_unit_test(pth_lines_313),
		cmocka_unit_test(pth_hidden_flag),
		cmocka_unit_test(pth_hidden_by_micro),
		cmocka_unit_test(pth_whole_file_records),
		cmocka_unit_test(pth_undecodable_fatal),
		cmocka_unit_test(pth_undecodable_latin1),
		cmocka_unit_test(venv_variants),
		cmocka_unit_test(venv_cfg_in_bin),
		cmocka_unit_test(user_site_switches),
		cmocka_unit_test(user_base_sources),
		cmocka_unit_test(no_site),
		cmocka_unit_test(dedup),
		cmocka_unit_test(debian),
		cmocka_unit_test(sitecustomize_noted),
		cmocka_unit_test(venv_314),
		cmocka_unit_test(pth_import_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
