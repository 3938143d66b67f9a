/* test_scenario.c - the scenario loader (scenario.c) and writer (scenario_write.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "scenario-int.h"

static struct ps_scenario *load_ok(const char *text)
{
	struct ps_error err;
	struct ps_scenario *sc = ps_scenario_load_string("t.yaml", text, strlen(text), &err);

	if (!sc)
		fail_msg("load failed: %s:%d:%d: %s\n%s", err.file, err.line, err.col, err.msg, text);
	return sc;
}

/* The three samples of /work/shared/samples, verbatim. */
static const char sample_pth[] =
	"name: a ._pth file replaces the search path\n"
	"description: |\n"
	"  Since 3.11, a file named after the executable with ._pth appended\n"
	"  (python3.13._pth) is honoured on POSIX too. Its lines become sys.path,\n"
	"  relative to the file's directory; the interpreter runs isolated, and\n"
	"  `import site` in it turns site back on.\n"
	"platform: posix\n"
	"python:\n"
	"  version: \"3.13\"\n"
	"  prefix: /usr/local\n"
	"invocation:\n"
	"  argv0: /opt/app/bin/python3.13\n"
	"  cwd: /home/me\n"
	"  run: {command: \"pass\"}\n"
	"  env:\n"
	"    PATH: /usr/bin:/bin\n"
	"    HOME: /home/me\n"
	"    PYTHONPATH: /ignored/because/of/pth\n"
	"files:\n"
	"  /opt/app/bin/python3.13: exec\n"
	"  /opt/app/bin/python3.13._pth:\n"
	"    content: |\n"
	"      ../lib/python3.13\n"
	"      ../lib/python3.13/lib-dynload\n"
	"      # comments and blank lines are skipped\n"
	"\n"
	"      import site\n"
	"  /opt/app/lib/python3.13/os.py: file\n"
	"  /opt/app/lib/python3.13/encodings/__init__.py: file\n"
	"  /opt/app/lib/python3.13/lib-dynload: dir\n"
	"expect:\n"
	"  getpath.prefix: /opt/app/bin\n"
	"  getpath.module_search_paths: [/opt/app/lib/python3.13, /opt/app/lib/python3.13/lib-dynload]\n";

static const char sample_home[] =
	"name: PYTHONHOME left over from another Python\n"
	"description: |\n"
	"  A module system set PYTHONHOME=/apps/python/3.7 for an older Python, but\n"
	"  the user runs /usr/bin/python3.12. The stdlib is looked for under\n"
	"  /apps/python/3.7/lib/python3.12, which does not exist, so the interpreter\n"
	"  cannot import the encodings module and stops at start-up.\n"
	"platform: posix\n"
	"python:\n"
	"  version: \"3.12\"\n"
	"  prefix: /usr\n"
	"invocation:\n"
	"  argv0: /usr/bin/python3.12\n"
	"  cwd: /home/me\n"
	"  run: {interactive: true}\n"
	"  env:\n"
	"    PATH: /usr/bin:/bin\n"
	"    HOME: /home/me\n"
	"    PYTHONHOME: /apps/python/3.7\n"
	"files:\n"
	"  /usr/bin/python3.12: exec\n"
	"  /usr/lib/python3.12/os.py: file\n"
	"  /usr/lib/python3.12/encodings/__init__.py: file\n"
	"  /usr/lib/python3.12/lib-dynload: dir\n"
	"  /apps/python/3.7/lib/python3.7/os.py: file\n"
	"  /apps/python/3.7/lib/python3.7/encodings/__init__.py: file\n"
	"expect:\n"
	"  getpath.prefix: /apps/python/3.7\n"
	"  getpath.module_search_paths: [/apps/python/3.7/lib/python312.zip, /apps/python/3.7/lib/python3.12, /apps/python/3.7/lib/python3.12/lib-dynload]\n"
	"  fatal.message: \"init_fs_encoding: failed to get the Python codec of the filesystem encoding\"\n";

static const char sample_venv[] =
	"name: venv created with --symlinks\n"
	"description: |\n"
	"  A venv at /home/me/proj/.venv whose bin/python is a symlink to the base\n"
	"  interpreter. getpath finds pyvenv.cfg one level above bin/, takes its home\n"
	"  as the directory to search from, and finds the stdlib under /usr; site.py\n"
	"  then switches sys.prefix to the venv and adds its site-packages.\n"
	"platform: posix\n"
	"python:\n"
	"  version: \"3.12\"\n"
	"  prefix: /usr\n"
	"  exec_prefix: /usr\n"
	"  platlibdir: lib\n"
	"invocation:\n"
	"  argv0: /home/me/proj/.venv/bin/python\n"
	"  cwd: /home/me/proj\n"
	"  run: {command: \"pass\"}\n"
	"  env:\n"
	"    PATH: /usr/local/bin:/usr/bin:/bin\n"
	"    HOME: /home/me\n"
	"files:\n"
	"  /usr/bin/python3.12: exec\n"
	"  /usr/bin/python3: {link: python3.12}\n"
	"  /usr/lib/python3.12/os.py: file\n"
	"  /usr/lib/python3.12/encodings/__init__.py: file\n"
	"  /usr/lib/python3.12/lib-dynload: dir\n"
	"  /usr/lib/python3.12/site-packages: dir\n"
	"  /home/me/proj/.venv/bin/python: {link: /usr/bin/python3.12}\n"
	"  /home/me/proj/.venv/pyvenv.cfg:\n"
	"    content: |\n"
	"      home = /usr/bin\n"
	"      include-system-site-packages = false\n"
	"      version = 3.12.1\n"
	"  /home/me/proj/.venv/lib/python3.12/site-packages: dir\n"
	"expect:\n"
	"  getpath.prefix: /usr\n"
	"  getpath.exec_prefix: /usr\n"
	"  getpath.base_executable: /usr/bin/python3.12\n"
	"  getpath.module_search_paths: [/usr/lib/python312.zip, /usr/lib/python3.12, /usr/lib/python3.12/lib-dynload]\n"
	"  prefix: /home/me/proj/.venv\n"
	"  base_prefix: /usr\n"
	"  path: ['', /usr/lib/python312.zip, /usr/lib/python3.12, /usr/lib/python3.12/lib-dynload, /home/me/proj/.venv/lib/python3.12/site-packages]\n";

static char *read_vfs(struct ps_vfs *vfs, const char *path)
{
	struct ps_fs fs;
	char *data = NULL;
	size_t len = 0;

	ps_vfs_fs(vfs, &fs);
	fs.cwd = "/";
	if (fs.ops->read_file(fs.ctx, path, 1 << 20, &data, &len) != 0)
		return NULL;
	return data;
}

static void test_samples(void **state)
{
	struct ps_scenario *sc;
	struct ps_fs fs;
	char *cfg, *target = NULL;

	(void)state;
	sc = load_ok(sample_pth);
	assert_string_equal(sc->name, "a ._pth file replaces the search path");
	assert_non_null(strstr(sc->description, "`import site` in it turns site back on.\n"));
	assert_int_equal(sc->inputs.build.major, 3);
	assert_int_equal(sc->inputs.build.minor, 13);
	assert_int_equal(sc->inputs.build.platform, PS_PLATFORM_POSIX);
	assert_string_equal(sc->inputs.build.prefix, "/usr/local");
	assert_string_equal(sc->inputs.argv0, "/opt/app/bin/python3.13");
	assert_string_equal(sc->inputs.cwd, "/home/me");
	assert_int_equal(sc->inputs.run.kind, PS_RUN_COMMAND);
	assert_string_equal(sc->inputs.run.arg, "pass");
	assert_string_equal(ps_env_get(&sc->inputs.env, "PYTHONPATH"), "/ignored/because/of/pth");
	assert_int_equal(sc->inputs.env.n, 3);
	assert_int_equal(sc->nexpect, 2);
	cfg = read_vfs(sc->vfs, "/opt/app/bin/python3.13._pth");
	assert_non_null(cfg);
	assert_string_equal(cfg, "../lib/python3.13\n../lib/python3.13/lib-dynload\n"
				 "# comments and blank lines are skipped\n\nimport site\n");
	free(cfg);
	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = "/";
	assert_true(ps_fs_isxfile(&fs, "/opt/app/bin/python3.13"));
	assert_true(ps_fs_isdir(&fs, "/opt/app/lib/python3.13/lib-dynload"));
	assert_true(ps_fs_isfile(&fs, "/opt/app/lib/python3.13/encodings/__init__.py"));
	ps_scenario_free(sc);

	sc = load_ok(sample_home);
	assert_int_equal(sc->inputs.run.kind, PS_RUN_INTERACTIVE);
	assert_null(sc->inputs.run.arg);
	assert_string_equal(ps_env_get(&sc->inputs.env, "PYTHONHOME"), "/apps/python/3.7");
	assert_int_equal(sc->nexpect, 3);
	ps_scenario_free(sc);

	sc = load_ok(sample_venv);
	assert_string_equal(sc->inputs.build.exec_prefix, "/usr");
	assert_string_equal(sc->inputs.build.platlibdir, "lib");
	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = "/";
	assert_int_equal(fs.ops->readlink(fs.ctx, "/usr/bin/python3", &target), 0);
	assert_string_equal(target, "python3.12");
	free(target);
	assert_true(ps_fs_isxfile(&fs, "/home/me/proj/.venv/bin/python"));
	cfg = read_vfs(sc->vfs, "/home/me/proj/.venv/pyvenv.cfg");
	assert_string_equal(cfg, "home = /usr/bin\ninclude-system-site-packages = false\n"
				 "version = 3.12.1\n");
	free(cfg);
	assert_int_equal(sc->nexpect, 7);
	ps_scenario_free(sc);
}

static const char full_posix[] =
	"name: everything\n"
	"description: all the keys\n"
	"platform: posix\n"
	"python:\n"
	"  version: 3.10\n"            /* unquoted: the text, not the float 3.1 */
	"  prefix: /opt/py\n"
	"  exec_prefix: /opt/pyx\n"
	"  platlibdir: lib64\n"
	"  vpath: ../src\n"
	"  abi_thread: t\n"
	"  library: /opt/py/lib/libpython3.10.so.1.0\n"
	"  framework: false\n"
	"  winver: '3.10'\n"
	"  debian_site: true\n"
	"  pythonpath_macro: 'lib/python310.zip:lib/python3.10'\n"
	"  micro: 13\n"
	"invocation:\n"
	"  argv0: ./python\n"
	"  executable: /opt/py/bin/python3.10\n"
	"  cwd: /home/me/work/\n"
	"  flags: [-E, -I, -s, -S, -P]\n"
	"  run:\n"
	"    script: ../x.py\n"
	"  env:\n"
	"    PATH: /opt/py/bin:/usr/bin\n"
	"    EMPTY: ''\n"
	"    UNSET: ~\n"
	"    NUM: 12\n"
	"  setuid: true\n"
	"  pw_home: /home/me\n"
	"embed:\n"
	"  home: /opt/py\n"
	"  program_name: myapp\n"
	"  executable: /opt/app/myapp\n"
	"  base_executable: /opt/py/bin/python3.10\n"
	"  prefix: /p\n"
	"  exec_prefix: /ep\n"
	"  base_prefix: /bp\n"
	"  base_exec_prefix: /bep\n"
	"  stdlib_dir: /opt/py/lib/python3.10\n"
	"  module_search_paths: [/a, /b]\n"
	"  pythonpath_env: /pp\n"
	"  use_environment: false\n"
	"  site_import: true\n"
	"  user_site_directory: false\n"
	"  pathconfig_warnings: false\n"
	"  setpath: /x:/y\n"
	"  set_argv: true\n"
	"registry:\n"
	"  'HKLM\\Software\\Python\\PythonCore\\3.10\\PythonPath\\A': 'C:\\A\\lib'\n"
	"files:\n"
	"  /opt/py/bin/python3.10: exec\n"
	"  /opt/py/bin/python3: {link: python3.10}\n"
	"  /opt/py/lib/python3.10/os.py: file\n"
	"  /opt/py/lib/python3.10/lib-dynload: dir\n"
	"  /opt/py/lib/python3.10/secret: {type: dir, mode: \"000\"}\n"
	"  /opt/py/lib/python3.10/x.pth: {content: \"import os\\n\", mode: 600, hidden: true}\n"
	"  /opt/py/bin/tool: {type: exec, content: \"#!/bin/sh\\n\"}\n"
	"  /home/me/work/nul: {content: \"a\\0b\"}\n"
	"  /home/me/work/.hidden: {type: dir, hidden: true}\n"
	"  /home/me/work/link: {link: /opt/py/bin, hidden: true}\n"
	"expect:\n"
	"  prefix: /opt/py\n"
	"  sys.flags.isolated: 1\n"
	"  getpath.warnings: []\n"
	"  fatal: null\n"
	"  sys.path.0: ''\n"
	"  entries.0.origin: script-dir\n";

static void test_every_key(void **state)
{
	struct ps_scenario *sc;
	const struct ps_inputs *in;
	struct ps_fs fs;
	struct ps_stat st;
	char *data;

	(void)state;
	sc = load_ok(full_posix);
	in = &sc->inputs;
	assert_string_equal(sc->name, "everything");
	assert_string_equal(sc->description, "all the keys");
	assert_ptr_equal(in->name, sc->name);
	assert_int_equal(in->build.major, 3);
	assert_int_equal(in->build.minor, 10);
	assert_int_equal(in->build.micro, 13);
	assert_string_equal(in->build.prefix, "/opt/py");
	assert_string_equal(in->build.exec_prefix, "/opt/pyx");
	assert_string_equal(in->build.platlibdir, "lib64");
	assert_string_equal(in->build.vpath, "../src");
	assert_string_equal(in->build.abi_thread, "t");
	assert_string_equal(in->build.library, "/opt/py/lib/libpython3.10.so.1.0");
	assert_false(in->build.framework);
	assert_string_equal(in->build.winver, "3.10");
	assert_int_equal(in->build.debian_site, 1);
	assert_string_equal(in->build.pythonpath_macro, "lib/python310.zip:lib/python3.10");
	assert_string_equal(in->argv0, "./python");
	assert_string_equal(in->os_executable, "/opt/py/bin/python3.10");
	assert_string_equal(in->cwd, "/home/me/work");     /* normalised */
	assert_true(in->flags.ignore_environment && in->flags.isolated && in->flags.no_user_site &&
		    in->flags.no_site && in->flags.safe_path);
	assert_int_equal(in->run.kind, PS_RUN_SCRIPT);
	assert_string_equal(in->run.arg, "../x.py");
	assert_int_equal(in->env.n, 3);
	assert_string_equal(in->env.v[0], "PATH=/opt/py/bin:/usr/bin");
	assert_string_equal(in->env.v[1], "EMPTY=");
	assert_string_equal(in->env.v[2], "NUM=12");
	assert_null(ps_env_get(&in->env, "UNSET"));
	assert_true(in->setuid);
	assert_string_equal(in->pw_home, "/home/me");
	assert_true(in->embed.present);
	assert_string_equal(in->embed.home, "/opt/py");
	assert_string_equal(in->embed.program_name, "myapp");
	assert_string_equal(in->embed.executable, "/opt/app/myapp");
	assert_string_equal(in->embed.base_executable, "/opt/py/bin/python3.10");
	assert_string_equal(in->embed.prefix, "/p");
	assert_string_equal(in->embed.exec_prefix, "/ep");
	assert_string_equal(in->embed.base_prefix, "/bp");
	assert_string_equal(in->embed.base_exec_prefix, "/bep");
	assert_string_equal(in->embed.stdlib_dir, "/opt/py/lib/python3.10");
	assert_true(in->embed.module_search_paths_set);
	assert_int_equal(in->embed.module_search_paths.n, 2);
	assert_string_equal(in->embed.module_search_paths.v[1], "/b");
	assert_string_equal(in->embed.pythonpath_env, "/pp");
	assert_int_equal(in->embed.use_environment, 0);
	assert_int_equal(in->embed.site_import, 1);
	assert_int_equal(in->embed.user_site_directory, 0);
	assert_int_equal(in->embed.pathconfig_warnings, 0);
	assert_string_equal(in->embed.setpath, "/x:/y");
	assert_true(in->embed.set_argv);
	{
		/* the explorer works on copies: set_argv goes with them */
		struct ps_inputs cp;
		ps_inputs_init(&cp);
		assert_int_equal(ps_inputs_copy(&cp, in), 0);
		assert_true(cp.embed.set_argv);
		ps_inputs_release(&cp);
	}
	assert_int_equal(in->nregistry, 1);
	assert_string_equal(in->registry[0].key, "HKLM\\Software\\Python\\PythonCore\\3.10\\PythonPath\\A");
	assert_string_equal(in->registry[0].value, "C:\\A\\lib");

	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = "/";
	assert_int_equal(fs.ops->lstat(fs.ctx, "/opt/py/lib/python3.10/secret", &st), 0);
	assert_int_equal(st.type, PS_FT_DIR);
	assert_int_equal(st.mode & 07777, 0);
	assert_int_equal(fs.ops->lstat(fs.ctx, "/opt/py/lib/python3.10/x.pth", &st), 0);
	assert_int_equal(st.mode & 07777, 0600);
	assert_true(st.hidden);
	assert_true(ps_fs_isxfile(&fs, "/opt/py/bin/tool"));
	assert_int_equal(fs.ops->lstat(fs.ctx, "/home/me/work/.hidden", &st), 0);
	assert_true(st.hidden);
	assert_int_equal(st.type, PS_FT_DIR);
	assert_int_equal(fs.ops->lstat(fs.ctx, "/home/me/work/link", &st), 0);
	assert_int_equal(st.type, PS_FT_LINK);
	assert_true(st.hidden);
	data = read_vfs(sc->vfs, "/opt/py/bin/tool");
	assert_string_equal(data, "#!/bin/sh\n");
	free(data);
	{
		char *d = NULL;
		size_t len = 0;

		assert_int_equal(fs.ops->read_file(fs.ctx, "/home/me/work/nul", 100, &d, &len), 0);
		assert_int_equal(len, 3);
		assert_memory_equal(d, "a\0b", 3);
		free(d);
	}
	assert_int_equal(sc->nexpect, 6);
	ps_scenario_free(sc);
}

static void test_defaults(void **state)
{
	struct ps_scenario *sc;

	(void)state;
	sc = load_ok("python: {version: '3.12'}\n");
	assert_null(sc->name);
	assert_null(sc->description);
	assert_int_equal(sc->inputs.build.platform, PS_PLATFORM_POSIX);
	assert_int_equal(sc->inputs.build.micro, -1);
	assert_int_equal(sc->inputs.build.debian_site, -1);
	assert_null(sc->inputs.build.prefix);   /* the engine's default, /usr/local */
	assert_string_equal(sc->inputs.argv0, "python3");
	assert_string_equal(sc->inputs.cwd, "/");
	assert_int_equal(sc->inputs.run.kind, PS_RUN_COMMAND);
	assert_string_equal(sc->inputs.run.arg, "pass");
	assert_int_equal(sc->inputs.env.n, 0);
	assert_false(sc->inputs.embed.present);
	assert_int_equal(sc->inputs.embed.use_environment, -1);
	assert_non_null(sc->vfs);
	assert_null(sc->expect);
	assert_int_equal(sc->nexpect, 0);
	ps_scenario_free(sc);

	sc = load_ok("platform: nt\npython: {version: '3.12.4'}\nembed: {}\n");
	assert_int_equal(sc->inputs.build.platform, PS_PLATFORM_NT);
	assert_int_equal(sc->inputs.build.micro, 4);
	assert_string_equal(sc->inputs.cwd, "C:\\");
	assert_true(sc->inputs.embed.present);
	assert_false(sc->inputs.embed.module_search_paths_set);
	/* Py_Initialize alone: no argv, so no sys.path[0], unless set_argv says otherwise */
	assert_false(sc->inputs.embed.set_argv);
	ps_scenario_free(sc);

	sc = load_ok("platform: darwin\npython: {version: '3.13', framework: yes}\n"
		     "invocation: {run: {module: http.server}}\n");
	assert_int_equal(sc->inputs.build.platform, PS_PLATFORM_DARWIN);
	assert_true(sc->inputs.build.framework);
	assert_int_equal(sc->inputs.run.kind, PS_RUN_MODULE);
	assert_string_equal(sc->inputs.run.arg, "http.server");
	ps_scenario_free(sc);
}

static void test_nt_files(void **state)
{
	struct ps_scenario *sc;
	struct ps_fs fs;

	(void)state;
	sc = load_ok("platform: nt\npython: {version: '3.12'}\n"
		     "invocation: {cwd: 'C:\\Users\\me', env: {Path: 'C:\\Python312'}}\n"
		     "files:\n"
		     "  'C:\\Python312\\python.exe': exec\n"
		     "  C:/Python312/Lib/os.py: file\n");
	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = "C:\\";
	assert_true(ps_fs_isfile(&fs, "c:\\python312\\lib\\OS.PY"));
	assert_string_equal(sc->inputs.cwd, "C:\\Users\\me");
	ps_scenario_free(sc);
}

struct err_case {
	const char *text;
	int line, col;
	const char *msg;     /* exact, or a prefix when it ends with '*' */
};

static void check_error(const struct err_case *c)
{
	struct ps_error err;
	struct ps_scenario *sc;
	size_t ml = strlen(c->msg);

	sc = ps_scenario_load_string("bad.yaml", c->text, strlen(c->text), &err);
	if (sc)
		fail_msg("loaded, but should fail with '%s':\n%s", c->msg, c->text);
	assert_string_equal(err.file, "bad.yaml");
	assert_int_not_equal(err.code, PS_OK);
	if (c->msg[ml - 1] == '*' ? strncmp(err.msg, c->msg, ml - 1) != 0 : strcmp(err.msg, c->msg) != 0)
		fail_msg("message '%s', expected '%s'\n%s", err.msg, c->msg, c->text);
	if (err.line != c->line || err.col != c->col)
		fail_msg("'%s' at %d:%d, expected %d:%d\n%s", err.msg, err.line, err.col, c->line,
			 c->col, c->text);
}

#define PY "python: {version: '3.12'}\n"

/*
 * A map with thousands of keys (a captured tree) is checked for duplicates
 * by sorting when it ends: the duplicate that comes first is reported, at
 * its own line, naming the line of the key it repeats.
 */
static void test_big_map_duplicate(void **state)
{
	struct ps_buf b;
	struct err_case c;
	(void)state;
	ps_buf_init(&b);
	ps_buf_adds(&b, PY "files:\n");
	for (int i = 0; i < 3000; i++) {
		ps_buf_addf(&b, "  /d/f%d: file\n", i);
		if (i == 2000)
			ps_buf_adds(&b, "  /d/f17: dir\n");    /* line 2004: repeats line 20 */
		if (i == 2500)
			ps_buf_adds(&b, "  /d/f5: dir\n");     /* a later duplicate, not reported */
	}
	assert_false(b.oom);
	c.text = b.s;
	c.line = 2004;
	c.col = 3;
	c.msg = "duplicate key '/d/f17' (first at line 20)";
	check_error(&c);
	ps_buf_release(&b);
}

static void test_errors(void **state)
{
	static const struct err_case cases[] = {
		/* YAML itself */
		{"python: {version: '3.12'\n", 2, 1, "*"},
		{"a: b: c\n", 1, 5, "*"},
		{PY "name: x\nname: y\n", 3, 1, "duplicate key 'name' (first at line 2)"},
		{PY "files: {/a: file, /a: dir}\n", 2, 19, "duplicate key '/a' (first at line 2)"},
		{"x: &a 1\n" PY "name: *a\n", 3, 8, "aliases are not supported"},
		{PY "---\n" PY, 2, 1, "more than one YAML document"},
		/* structure */
		{"", 1, 1, "empty scenario (python.version is required)"},
		{"- a\n", 1, 1, "a scenario must be a mapping, not a sequence"},
		{PY "prefx: /usr\n", 2, 1, "unknown key 'prefx' in a scenario"},
		{"python: {version: '3.12', prefx: /usr}\n", 1, 27,
		 "unknown key 'prefx' (did you mean 'prefix'?)"},
		{PY "invocation: {envv: {}}\n", 2, 14, "unknown key 'envv' (did you mean 'env'?)"},
		{PY "fils: {}\n", 2, 1, "unknown key 'fils' (did you mean 'files'?)"},
		{"name: x\n", 1, 1, "missing python.version"},
		{"python: {prefix: /usr}\n", 1, 1, "missing python.version"},
		{"python:\n  version:\n", 2, 3, "missing python.version"},
		{"python: {version: [3, 12]}\n", 1, 19, "python.version must be \"MAJOR.MINOR\"*"},
		{"python: {version: 3}\n", 1, 19,
		 "python.version must be \"MAJOR.MINOR\" such as \"3.12\", not '3'"},
		{"python: {version: '3.x'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '1.0'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '10.1'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '3.12.x'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '3.12.'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '3.'}\n", 1, 19, "python.version must be*"},
		{"python: {version: '3.12.1', micro: 2}\n", 1, 36,
		 "python.micro 2 conflicts with python.version '3.12.1'"},
		{"platform: beos\n" PY, 1, 11, "unsupported platform 'beos' (posix, darwin or nt)"},
		{"platform: [posix]\n" PY, 1, 11, "unsupported platform a sequence (posix, darwin or nt)"},
		{"python: {version: '3.12', prefix: [/usr]}\n", 1, 35,
		 "python.prefix must be a string, not a sequence"},
		{"python: {version: '3.12', prefix: {a: b}}\n", 1, 35,
		 "python.prefix must be a string, not a mapping"},
		{"python: {version: '3.12', framework: maybe}\n", 1, 38,
		 "python.framework must be true or false, not a string"},
		{"python: {version: '3.12', debian_site: 2}\n", 1, 40,
		 "python.debian_site must be true, false or detect, not a number"},
		{PY "invocation: {cwd: home/me}\n", 2, 19,
		 "invocation.cwd must be an absolute path, not 'home/me'"},
		{"platform: nt\n" PY "invocation: {cwd: '\\Users'}\n", 3, 19,
		 "invocation.cwd must be an absolute path with a drive, not '\\Users'"},
		{PY "invocation: {flags: -s}\n", 2, 21,
		 "invocation.flags must be a sequence such as [-s, -E], not a string"},
		{PY "invocation: {flags: [-s, -x]}\n", 2, 26, "unknown flag '-x' (one of -E -I -s -S -P)"},
		{PY "invocation: {flags: [[-s]]}\n", 2, 22, "unknown flag a sequence (one of -E -I -s -S -P)"},
		{PY "invocation: {run: {command: pass, module: x}}\n", 2, 35,
		 "invocation.run takes exactly one of command, script, module, interactive"},
		{PY "invocation: {run: {}}\n", 2, 19,
		 "invocation.run takes exactly one of command, script, module, interactive"},
		{PY "invocation: {run: {modul: x}}\n", 2, 20, "unknown key 'modul' (did you mean 'module'?)"},
		{PY "invocation: {run: {interactive: false}}\n", 2, 33,
		 "invocation.run.interactive must be true"},
		{PY "invocation: {run: {script: ''}}\n", 2, 28, "invocation.run.script is empty"},
		{PY "invocation: {run: {module: [a]}}\n", 2, 28,
		 "invocation.run.module must be a string, not a sequence"},
		{PY "invocation: {env: [PATH]}\n", 2, 19, "invocation.env must be a mapping, not a sequence"},
		{PY "invocation: {env: {PATH: [/bin]}}\n", 2, 26,
		 "invocation.env.PATH must be a string, not a sequence"},
		{PY "invocation: {env: {'A=B': x}}\n", 2, 20, "bad environment variable name 'A=B'"},
		{PY "invocation: {env: {'': x}}\n", 2, 20, "empty environment variable name"},
		{PY "invocation: {env: {X: \"a\\0b\"}}\n", 2, 23, "NUL character in invocation.env.X"},
		{"platform: nt\n" PY "invocation: {env: {Path: a, PATH: b}}\n", 3, 29,
		 "duplicate environment variable 'PATH' (nt names ignore case)"},
		{PY "invocation: {setuid: 1}\n", 2, 22,
		 "invocation.setuid must be true or false, not a number"},
		{PY "embed: {module_search_paths: /a}\n", 2, 30,
		 "embed.module_search_paths must be a sequence, not a string"},
		{PY "embed: {module_search_paths: [/a, ~]}\n", 2, 35,
		 "embed.module_search_paths entries must be strings, not null"},
		{PY "embed: {site_import: 'yes please'}\n", 2, 22,
		 "embed.site_import must be true or false, not a string"},
		{PY "embed: [a]\n", 2, 8, "embed must be a mapping, not a sequence"},
		{PY "embed: {set_argv: [x]}\n", 2, 19,
		 "embed.set_argv must be true or false, not a sequence"},
		{PY "registry: {a: [b]}\n", 2, 15, "registry values must be strings, not a sequence"},
		/* files */
		{PY "files: [/a]\n", 2, 8, "files must be a mapping, not a sequence"},
		{PY "files: {a/b: file}\n", 2, 9, "files: 'a/b' is not an absolute path"},
		{PY "files: {'': file}\n", 2, 9, "files: '' is not an absolute path"},
		{"platform: nt\n" PY "files: {'\\x\\y': file}\n", 3, 9,
		 "files: '\\x\\y' is not an absolute path with a drive (C:\\...)"},
		{"platform: nt\n" PY "files: {/x/y: file}\n", 3, 9,
		 "files: '/x/y' is not an absolute path with a drive (C:\\...)"},
		{PY "files: {/a: fil}\n", 2, 13, "unknown file type 'fil' (did you mean 'file'?)"},
		{PY "files: {/a: socket}\n", 2, 13, "unknown file type 'socket' (file, exec, dir or a mapping)"},
		{PY "files: {/a: }\n", 2, 9, "files: /a must be file, exec, dir or a mapping, not null"},
		{PY "files: {/a: [file]}\n", 2, 13, "files: /a must be file, exec, dir or a mapping, not a sequence"},
		{PY "files: {/a: {typ: dir}}\n", 2, 14, "unknown key 'typ' (did you mean 'type'?)"},
		{PY "files: {/a: {type: dir, content: x}}\n", 2, 34, "a directory has no content"},
		{PY "files: {/a: {link: /b, content: x}}\n", 2, 33, "a symbolic link has no content"},
		{PY "files: {/a: {link: /b, type: file}}\n", 2, 30,
		 "a symbolic link has no type (it is given by link:)"},
		{PY "files: {/a: {link: /b, mode: '777'}}\n", 2, 30, "a symbolic link has no mode"},
		{PY "files: {/a: {link: ''}}\n", 2, 20, "link must be a non-empty string (the link's target)"},
		{PY "files: {/a: {mode: '999'}}\n", 2, 20, "bad mode '999' (octal digits such as \"755\")"},
		{PY "files: {/a: {mode: rwx}}\n", 2, 20, "bad mode 'rwx' (octal digits such as \"755\")"},
		{PY "files: {/a: {mode: '07777'}}\n", 2, 20, "bad mode '07777' (octal digits such as \"755\")"},
		{PY "files: {/a: {mode: [7]}}\n", 2, 20, "bad mode a sequence (octal digits such as \"755\")"},
		{PY "files: {/a: {content: [x]}}\n", 2, 23, "content must be a string, not a sequence"},
		{PY "files: {/a: {hidden: 2}}\n", 2, 22, "/a.hidden must be true or false, not a number"},
		{PY "files:\n  /a: file\n  /a/b: file\n", 4, 3, "files: cannot add*"},
		{PY "files:\n  /a/b: file\n  /a: file\n", 4, 3, "files: cannot add*"},
		{PY "files:\n  /a: {link: /b}\n  /b: {link: /a}\n", 3, 3, "files: symlink loop*"},
		{PY "files:\n  /x: file\n  /l: {link: l}\n", 4, 3, "files: symlink loop*"},
		/* expect */
		{PY "expect: [prefix]\n", 2, 9, "expect must be a mapping, not a sequence"},
		{PY "expect: {prefx: /usr}\n", 2, 10, "unknown expect key 'prefx' (did you mean 'prefix'?)"},
		{PY "expect: {getpath.prefx: /usr}\n", 2, 10,
		 "unknown expect key 'getpath.prefx' (did you mean 'getpath.prefix'?)"},
		{PY "expect: {sys.flags.isolatd: 1}\n", 2, 10,
		 "unknown expect key 'sys.flags.isolatd' (did you mean 'sys.flags.isolated'?)"},
		{PY "expect: {gtpath.prefix: /usr}\n", 2, 10,
		 "unknown expect key 'gtpath.prefix' (did you mean 'getpath.prefix'?)"},
		{PY "expect: {entries.0.orign: x}\n", 2, 10,
		 "unknown expect key 'entries.0.orign' (did you mean 'entries.0.origin'?)"},
		{PY "expect: {entries.x.path: /usr}\n", 2, 10, "unknown expect key 'entries.x.path'"},
		{PY "expect: {sys..path: /usr}\n", 2, 10, "bad expect key 'sys..path' (empty component)"},
		{PY "expect: {'sys.': 1}\n", 2, 10, "bad expect key 'sys.' (empty component)"},
		{PY "expect: {zzzzzzz: 1}\n", 2, 10, "unknown expect key 'zzzzzzz'"},
		{PY "expect: {flags.isolated: 1}\n", 2, 10,
		 "unknown expect key 'flags.isolated' (did you mean 'sys.flags.isolated'?)"},
		/* strings */
		{"name: \"a\\0b\"\n" PY, 1, 7, "NUL character in scenario.name"},
		{"name: !!binary aGVsbG8=\n" PY, 1, 7, "tags other than !!str are not supported"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_error(&cases[i]);
}

static void test_null_error(void **state)
{
	struct ps_scenario *sc;

	(void)state;
	assert_null(ps_scenario_load_string("x", "python: {prefx: 1}\n", 19, NULL));
	sc = ps_scenario_load_string(NULL, "python: {version: '3.9'}\n", 25, NULL);
	assert_non_null(sc);
	assert_null(sc->path);
	ps_scenario_free(sc);
	ps_scenario_free(NULL);
}

static void test_missing_file(void **state)
{
	struct ps_error err;
	char line[1024];

	(void)state;
	assert_null(ps_scenario_load("/nonexistent-pathscope-dir/x.yaml", &err));
	assert_int_equal(err.code, PS_ERR_IO);
	assert_string_equal(ps_error_format(&err, line, sizeof line),
			    "/nonexistent-pathscope-dir/x.yaml: cannot read scenario: no such file or directory");
}

struct dump {
	struct ps_buf b;
	struct ps_fs fs;
};

static int collect_node(void *arg, const char *path, enum ps_ftype type, bool exec,
			const char *content, size_t len, const char *link, unsigned mode)
{
	struct dump *d = arg;
	struct ps_stat st;

	memset(&st, 0, sizeof st);
	assert_int_equal(d->fs.ops->lstat(d->fs.ctx, path, &st), 0);
	ps_json_add_string(&d->b, path, strlen(path));
	ps_buf_addf(&d->b, " %d %d %o %d %s ", (int)type, (int)exec, mode, (int)st.hidden,
		    link ? link : "-");
	ps_json_add_string(&d->b, content ? content : "", content ? len : 0);
	ps_buf_addc(&d->b, '\n');
	return 0;
}

/* A text dump of a tree, hidden flags included. */
static char *dump_vfs(struct ps_vfs *vfs)
{
	struct dump d;

	memset(&d, 0, sizeof d);
	ps_buf_init(&d.b);
	ps_vfs_fs(vfs, &d.fs);
	d.fs.cwd = NULL;
	assert_int_equal(ps_vfs_walk(vfs, collect_node, &d), 0);
	return ps_buf_detach(&d.b);
}

#define STR_EQ(a, b) \
	do { if (((a) == NULL) != ((b) == NULL) || ((a) && strcmp((a), (b)) != 0)) \
		fail_msg("%s: '%s' != '%s'", #a, (a) ? (a) : "(null)", (b) ? (b) : "(null)"); } while (0)

static void assert_inputs_equal(const struct ps_inputs *a, const struct ps_inputs *b)
{
	assert_int_equal(a->build.major, b->build.major);
	assert_int_equal(a->build.minor, b->build.minor);
	assert_int_equal(a->build.micro, b->build.micro);
	assert_int_equal(a->build.platform, b->build.platform);
	STR_EQ(a->build.prefix, b->build.prefix);
	STR_EQ(a->build.exec_prefix, b->build.exec_prefix);
	STR_EQ(a->build.platlibdir, b->build.platlibdir);
	STR_EQ(a->build.vpath, b->build.vpath);
	STR_EQ(a->build.abi_thread, b->build.abi_thread);
	STR_EQ(a->build.library, b->build.library);
	assert_int_equal(a->build.framework, b->build.framework);
	STR_EQ(a->build.winver, b->build.winver);
	STR_EQ(a->build.pythonpath_macro, b->build.pythonpath_macro);
	assert_int_equal(a->build.debian_site, b->build.debian_site);
	STR_EQ(a->argv0, b->argv0);
	STR_EQ(a->os_executable, b->os_executable);
	STR_EQ(a->cwd, b->cwd);
	assert_memory_equal(&a->flags, &b->flags, sizeof a->flags);
	assert_int_equal(a->run.kind, b->run.kind);
	STR_EQ(a->run.arg, b->run.arg);
	assert_true(ps_strv_equal(&a->env, &b->env));
	assert_int_equal(a->embed.present, b->embed.present);
	STR_EQ(a->embed.home, b->embed.home);
	STR_EQ(a->embed.program_name, b->embed.program_name);
	STR_EQ(a->embed.executable, b->embed.executable);
	STR_EQ(a->embed.base_executable, b->embed.base_executable);
	STR_EQ(a->embed.prefix, b->embed.prefix);
	STR_EQ(a->embed.exec_prefix, b->embed.exec_prefix);
	STR_EQ(a->embed.base_prefix, b->embed.base_prefix);
	STR_EQ(a->embed.base_exec_prefix, b->embed.base_exec_prefix);
	STR_EQ(a->embed.stdlib_dir, b->embed.stdlib_dir);
	STR_EQ(a->embed.pythonpath_env, b->embed.pythonpath_env);
	assert_int_equal(a->embed.module_search_paths_set, b->embed.module_search_paths_set);
	assert_true(ps_strv_equal(&a->embed.module_search_paths, &b->embed.module_search_paths));
	assert_int_equal(a->embed.use_environment, b->embed.use_environment);
	assert_int_equal(a->embed.site_import, b->embed.site_import);
	assert_int_equal(a->embed.user_site_directory, b->embed.user_site_directory);
	assert_int_equal(a->embed.pathconfig_warnings, b->embed.pathconfig_warnings);
	STR_EQ(a->embed.setpath, b->embed.setpath);
	assert_int_equal(a->embed.set_argv, b->embed.set_argv);
	assert_int_equal(a->nregistry, b->nregistry);
	for (size_t i = 0; i < a->nregistry; i++) {
		STR_EQ(a->registry[i].key, b->registry[i].key);
		STR_EQ(a->registry[i].value, b->registry[i].value);
	}
	assert_int_equal(a->setuid, b->setuid);
	STR_EQ(a->pw_home, b->pw_home);
}

/* load -> write -> load gives the same inputs and tree; a second write gives the same text. */
static void roundtrip(const char *text)
{
	struct ps_scenario *a = load_ok(text), *b;
	struct ps_buf w1, w2;
	struct ps_error err;
	char *da, *db;

	ps_buf_init(&w1);
	ps_buf_init(&w2);
	assert_int_equal(ps_scenario_write(&a->inputs, a->vfs, a->name, a->description, &w1, &err), 0);
	b = load_ok(w1.s);
	assert_inputs_equal(&a->inputs, &b->inputs);
	STR_EQ(a->name, b->name);
	STR_EQ(a->description, b->description);
	da = dump_vfs(a->vfs);
	db = dump_vfs(b->vfs);
	if (strcmp(da, db) != 0) {
		/* cmocka truncates long messages: show the first differing line */
		size_t i = 0, ls = 0;

		while (da[i] && da[i] == db[i]) {
			if (da[i] == '\n')
				ls = i + 1;
			i++;
		}
		fprintf(stderr, "written:\n%s\n", w1.s);
		fail_msg("trees differ at:\n%.200s\n---\n%.200s", da + ls, db + ls);
	}
	assert_int_equal(ps_scenario_write(&b->inputs, b->vfs, b->name, b->description, &w2, &err), 0);
	assert_string_equal(w1.s, w2.s);
	free(da);
	free(db);
	ps_buf_release(&w1);
	ps_buf_release(&w2);
	ps_scenario_free(a);
	ps_scenario_free(b);
}

static void test_roundtrip(void **state)
{
	char *text = strdup(full_posix);
	char *p = strstr(text, "expect:");

	(void)state;
	*p = '\0';   /* the writer writes no expect: block */
	roundtrip(text);
	free(text);
	roundtrip(sample_pth);
	roundtrip(sample_home);
	roundtrip(sample_venv);
	roundtrip("python: {version: '3.12'}\n");
	roundtrip("python: {version: '3.12'}\nembed: {set_argv: true}\n");
	roundtrip("python: {version: '3.12'}\nembed: {set_argv: false}\n");
	roundtrip("platform: nt\npython: {version: '3.12', winver: 3.12-32}\n"
		  "invocation: {argv0: python.exe, cwd: 'C:\\x', env: {Path: 'C:\\a;C:\\b'}}\n"
		  "embed: {}\n"
		  "registry: {'HKCU\\x': 'C:\\y'}\n"
		  "files:\n"
		  "  'C:\\Python312\\python.exe': exec\n"
		  "  'C:\\Python312\\Lib\\os.py': file\n"
		  "  'D:\\empty': dir\n");
	/* awkward contents and names */
	roundtrip(PY
		  "name: \"null\"\n"
		  "description: \"two\\nlines, no final newline\"\n"
		  "invocation: {run: {command: \"import sys; print(sys.path)\\n\"}, env: {'X Y': ' spaced ', E: '', T: 'true', N: '3.10'}}\n"
		  "embed: {module_search_paths: []}\n"
		  "files:\n"
		  "  /a b/c:d: file\n"
		  "  /q/'quoted'\"x\": exec\n"
		  "  /x/lead-space.pth: {content: \" indented first\\nsecond\\n\"}\n"
		  "  /x/ws-line: {content: \"a\\n   \\nb\\n\"}\n"
		  "  /x/many-newlines: {content: \"a\\n\\n\\n\"}\n"
		  "  /x/only-newlines: {content: \"\\n\\n\"}\n"
		  "  /x/crlf: {content: \"a\\r\\nb\\r\\n\"}\n"
		  "  /x/tab: {content: \"\\tx\\n\"}\n"
		  "  /x/utf8: {content: \"caf\\u00e9 \\u2028 x\"}\n"
		  "  /x/nul: {content: \"\\0\"}\n"
		  "  /x/doc: {content: \"---\\n...\\n# c\\n- a\\nk: v\\n\"}\n"
		  "  /x/mode: {mode: '0640'}\n"
		  "  /x/execmode: {type: exec, mode: '700'}\n"
		  "  /x/dirmode: {type: dir, mode: '711'}\n"
		  "  /x/hiddenfile: {hidden: true}\n"
		  "  /x/dangling: {link: ../nowhere}\n"
		  "  /x/dir-with-kids: dir\n"
		  "  /x/dir-with-kids/k: file\n");
}

/* A key longer than YAML's 1024-character limit for implicit keys goes out as "? key". */
static void test_long_path(void **state)
{
	struct ps_buf b;
	char path[1600];

	(void)state;
	path[0] = '\0';
	while (strlen(path) < 1500)
		strcat(path, "/abcdefghijklmnopqrstuvwxyz0123456789");
	ps_buf_init(&b);
	ps_buf_addf(&b, PY "files:\n  %s: {content: x}\n  %s/y: file\n", path, path);
	/* libfyaml itself refuses the long implicit key of this input ... */
	{
		struct ps_error err;
		struct ps_scenario *sc = ps_scenario_load_string("t", b.s, b.len, &err);

		if (sc) {
			/* ... or accepts it: then it must round-trip like any other */
			ps_scenario_free(sc);
			roundtrip(b.s);
		}
	}
	ps_buf_reset(&b);
	ps_buf_addf(&b, PY "files:\n  ? %s\n  : {content: x}\n  ? %s2/y\n  : file\n", path, path);
	roundtrip(b.s);
	/* and the writer puts the long key out in the explicit "? key" form */
	{
		struct ps_scenario *sc = load_ok(b.s);
		struct ps_buf w;
		struct ps_error err;

		ps_buf_init(&w);
		assert_int_equal(ps_scenario_write(&sc->inputs, sc->vfs, sc->name, sc->description, &w, &err), 0);
		assert_non_null(strstr(w.s, "\nfiles:\n  ? "));
		ps_buf_release(&w);
		ps_scenario_free(sc);
	}
	ps_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_nt_files),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_null_error),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_long_path),
		cmocka_unit_test(test_big_map_duplicate),
	};
	return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
