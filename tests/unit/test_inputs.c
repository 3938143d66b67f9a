/* test_inputs.c - struct ps_inputs: defaults, deep copy, release. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

static void test_init_defaults(void **state)
{
	struct ps_inputs in;

	(void)state;
	ps_inputs_init(&in);
	assert_int_equal(in.build.micro, -1);
	assert_int_equal(in.build.debian_site, -1);
	assert_int_equal(in.build.major, 0);
	assert_null(in.build.prefix);
	assert_int_equal(in.run.kind, PS_RUN_COMMAND);
	assert_null(in.run.arg);
	assert_false(in.embed.present);
	assert_int_equal(in.embed.use_environment, -1);
	assert_int_equal(in.embed.site_import, -1);
	assert_int_equal(in.embed.user_site_directory, -1);
	assert_int_equal(in.embed.pathconfig_warnings, -1);
	assert_int_equal(in.env.n, 0);
	assert_int_equal(in.nregistry, 0);
	ps_inputs_release(&in);
	assert_int_equal(in.build.micro, -1);   /* release leaves it initialised */
}

static void test_set_str(void **state)
{
	char *f = NULL;
	char src[] = "abc";

	(void)state;
	assert_int_equal(ps_set_str(&f, src), 0);
	src[0] = 'X';
	assert_string_equal(f, "abc");
	assert_int_equal(ps_set_str(&f, "def"), 0);   /* old value freed (valgrind) */
	assert_string_equal(f, "def");
	assert_int_equal(ps_set_str(&f, NULL), 0);
	assert_null(f);
}

static void fill(struct ps_inputs *in)
{
	in->build.major = 3;
	in->build.minor = 12;
	in->build.micro = 1;
	in->build.platform = PS_PLATFORM_NT;
	in->build.framework = true;
	in->build.debian_site = 0;
	ps_set_str(&in->build.prefix, "/usr/local");
	ps_set_str(&in->build.exec_prefix, "/usr/local/x");
	ps_set_str(&in->build.platlibdir, "lib64");
	ps_set_str(&in->build.vpath, "..");
	ps_set_str(&in->build.abi_thread, "t");
	ps_set_str(&in->build.library, "/usr/local/lib/libpython3.12.so");
	ps_set_str(&in->build.winver, "3.12-32");
	ps_set_str(&in->build.pythonpath_macro, "lib/python312.zip");
	ps_set_str(&in->argv0, "python3");
	ps_set_str(&in->os_executable, "/x/python3");
	ps_set_str(&in->cwd, "/home/u");
	in->flags.isolated = true;
	in->flags.safe_path = true;
	in->run.kind = PS_RUN_SCRIPT;
	ps_set_str(&in->run.arg, "s.py");
	ps_env_set(&in->env, "PATH", "/bin");
	ps_env_set(&in->env, "PYTHONHOME", "/h");
	in->embed.present = true;
	ps_set_str(&in->embed.home, "/eh");
	ps_set_str(&in->embed.program_name, "prog");
	ps_set_str(&in->embed.executable, "/e/x");
	ps_set_str(&in->embed.base_executable, "/e/bx");
	ps_set_str(&in->embed.prefix, "/e/p");
	ps_set_str(&in->embed.exec_prefix, "/e/ep");
	ps_set_str(&in->embed.base_prefix, "/e/bp");
	ps_set_str(&in->embed.base_exec_prefix, "/e/bep");
	ps_set_str(&in->embed.stdlib_dir, "/e/std");
	ps_set_str(&in->embed.pythonpath_env, "/e/pp");
	ps_strv_push(&in->embed.module_search_paths, "/m1");
	ps_strv_push(&in->embed.module_search_paths, "/m2");
	in->embed.module_search_paths_set = true;
	in->embed.use_environment = 0;
	in->embed.site_import = 1;
	in->embed.user_site_directory = 0;
	in->embed.pathconfig_warnings = 0;
	ps_set_str(&in->embed.setpath, "/sp");
	in->registry = calloc(2, sizeof(*in->registry));
	in->nregistry = 2;
	ps_set_str(&in->registry[0].key, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath");
	ps_set_str(&in->registry[0].value, "C:\\P\\Lib");
	ps_set_str(&in->registry[1].key, "HKCU\\k");
	in->setuid = true;
	ps_set_str(&in->pw_home, "/home/pw");
	in->name = "scenario name";
}

static void test_copy_deep(void **state)
{
	struct ps_inputs a, b;

	(void)state;
	ps_inputs_init(&a);
	ps_inputs_init(&b);
	fill(&a);
	ps_set_str(&b.argv0, "old value, freed by copy");
	assert_int_equal(ps_inputs_copy(&b, &a), 0);
	/* scalars */
	assert_int_equal(b.build.major, 3);
	assert_int_equal(b.build.minor, 12);
	assert_int_equal(b.build.micro, 1);
	assert_int_equal(b.build.platform, PS_PLATFORM_NT);
	assert_true(b.build.framework);
	assert_int_equal(b.build.debian_site, 0);
	assert_true(b.flags.isolated);
	assert_true(b.flags.safe_path);
	assert_false(b.flags.no_site);
	assert_int_equal(b.run.kind, PS_RUN_SCRIPT);
	assert_true(b.embed.present);
	assert_true(b.embed.module_search_paths_set);
	assert_int_equal(b.embed.use_environment, 0);
	assert_int_equal(b.embed.site_import, 1);
	assert_int_equal(b.embed.user_site_directory, 0);
	assert_int_equal(b.embed.pathconfig_warnings, 0);
	assert_true(b.setuid);
	assert_ptr_equal(b.name, a.name);          /* borrowed, shared */
	/* strings: equal but not shared */
#define SAME(f) do { assert_string_equal(b.f, a.f); assert_ptr_not_equal(b.f, a.f); } while (0)
	SAME(build.prefix);
	SAME(build.exec_prefix);
	SAME(build.platlibdir);
	SAME(build.vpath);
	SAME(build.abi_thread);
	SAME(build.library);
	SAME(build.winver);
	SAME(build.pythonpath_macro);
	SAME(argv0);
	SAME(os_executable);
	SAME(cwd);
	SAME(run.arg);
	SAME(embed.home);
	SAME(embed.program_name);
	SAME(embed.executable);
	SAME(embed.base_executable);
	SAME(embed.prefix);
	SAME(embed.exec_prefix);
	SAME(embed.base_prefix);
	SAME(embed.base_exec_prefix);
	SAME(embed.stdlib_dir);
	SAME(embed.pythonpath_env);
	SAME(embed.setpath);
	SAME(pw_home);
	SAME(registry[0].key);
	SAME(registry[0].value);
	SAME(registry[1].key);
#undef SAME
	assert_null(b.registry[1].value);
	assert_int_equal(b.nregistry, 2);
	assert_true(ps_strv_equal(&a.env, &b.env));
	assert_ptr_not_equal(a.env.v, b.env.v);
	assert_true(ps_strv_equal(&a.embed.module_search_paths, &b.embed.module_search_paths));
	/* independent lifetimes */
	ps_inputs_release(&a);
	assert_string_equal(b.embed.module_search_paths.v[1], "/m2");
	assert_string_equal(ps_env_get(&b.env, "PYTHONHOME"), "/h");
	/* copy onto itself is a no-op; copy of an empty input clears */
	assert_int_equal(ps_inputs_copy(&b, &b), 0);
	assert_string_equal(b.argv0, "python3");
	assert_int_equal(ps_inputs_copy(&b, &a), 0);
	assert_null(b.argv0);
	assert_int_equal(b.nregistry, 0);
	assert_int_equal(b.build.micro, -1);
	ps_inputs_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_set_str),
		cmocka_unit_test(test_copy_deep),
	};
	return cmocka_run_group_tests_name("inputs", tests, NULL, NULL);
}
