/*
 * verify.c - the engine side of `pathscope verify`: the probe the front end
 * runs in the real interpreter, the parser of what it prints, and the
 * field-by-field comparison with a prediction.  Nothing here runs anything
 * (tui/cmd_verify.c does, and is the only place pathscope does).
 *
 * The probe prints one block between "PATHSCOPE-PROBE-BEGIN" and
 * "PATHSCOPE-PROBE-END" lines (so anything a .pth import line or a
 * sitecustomize prints does not confuse it), one value per line:
 *
 *   KEY =HEX      a string, its bytes (UTF-8 + surrogateescape) in hex
 *   KEY -         None
 *   KEY !         attribute missing (older versions)
 *   flag NAME N   a sys.flags value
 *   enable_user_site True|False|None
 *
 * with KEY path repeated once per sys.path entry, in order.  It runs on
 * Python 2.7 and 3.x.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"
#include "scenario-int.h"

static const char probe_code[] =
	"import sys\n"
	"o = []\n"
	"def h(s):\n"
	"    if s is None:\n"
	"        return '-'\n"
	"    if not isinstance(s, bytes):\n"
	"        try:\n"
	"            s = s.encode('utf-8', 'surrogateescape')\n"
	"        except Exception:\n"
	"            s = s.encode('utf-8', 'replace')\n"
	"    return '=' + ''.join(['%02x' % c for c in bytearray(s)])\n"
	"def put(k, obj, name):\n"
	"    if not hasattr(obj, name):\n"
	"        o.append(k + ' !')\n"
	"    else:\n"
	"        o.append(k + ' ' + h(getattr(obj, name)))\n"
	"put('executable', sys, 'executable')\n"
	"put('base_executable', sys, '_base_executable')\n"
	"put('prefix', sys, 'prefix')\n"
	"put('exec_prefix', sys, 'exec_prefix')\n"
	"put('base_prefix', sys, 'base_prefix')\n"
	"put('base_exec_prefix', sys, 'base_exec_prefix')\n"
	"put('platlibdir', sys, 'platlibdir')\n"
	"put('home', sys, '_home')\n"
	"m = sys.modules.get('site')\n"
	"if m is not None and not sys.flags.no_site:\n"
	"    o.append('site 1')\n"
	"    put('user_base', m, 'USER_BASE')\n"
	"    put('user_site', m, 'USER_SITE')\n"
	"    o.append('enable_user_site ' + repr(getattr(m, 'ENABLE_USER_SITE', None)))\n"
	"else:\n"
	"    o.append('site 0')\n"
	"for p in sys.path:\n"
	"    o.append('path ' + h(p))\n"
	"for n in ('ignore_environment', 'isolated', 'no_user_site', 'no_site', 'safe_path'):\n"
	"    if hasattr(sys.flags, n):\n"
	"        o.append('flag %s %d' % (n, int(getattr(sys.flags, n))))\n"
	"sys.stdout.write('PATHSCOPE-PROBE-BEGIN\\n' + '\\n'.join(o) + '\\nPATHSCOPE-PROBE-END\\n')\n"
	"sys.stdout.flush()\n";

const char *ps_verify_probe_code(void)
{
	return probe_code;
}

void ps_observed_init(struct ps_observed *o)
{
	memset(o, 0, sizeof *o);
	ps_strv_init(&o->path);
	o->enable_user_site = -2;
	for (int i = 0; i < PS_OBS_NFLAGS; i++)
		o->flags[i] = -1;
}

void ps_observed_release(struct ps_observed *o)
{
	for (int i = 0; i < PS_OBS_NSTR; i++)
		free(o->str[i]);
	ps_strv_release(&o->path);
	free(o->stderr_text);
	ps_observed_init(o);
}

static const char *const str_keys[PS_OBS_NSTR] = {
	"executable", "base_executable", "prefix", "exec_prefix", "base_prefix",
	"base_exec_prefix", "platlibdir", "home", "user_base", "user_site",
};
static const char *const flag_keys[PS_OBS_NFLAGS] = {
	"ignore_environment", "isolated", "no_user_site", "no_site", "safe_path",
};

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Decodes "=HEX" into *out (yours) and state: 1 value, 0 None, -1 missing; -2 malformed. */
static int decode_value(const char *v, size_t n, char **out)
{
	char *s;
	*out = NULL;
	if (n == 1 && v[0] == '-')
		return 0;
	if (n == 1 && v[0] == '!')
		return -1;
	if (n < 1 || v[0] != '=' || (n - 1) % 2)
		return -2;
	s = malloc((n - 1) / 2 + 1);
	if (!s)
		return -3;
	for (size_t i = 1, k = 0; i < n; i += 2, k++) {
		int a = hexval((unsigned char)v[i]), b = hexval((unsigned char)v[i + 1]);
		if (a < 0 || b < 0) {
			free(s);
			return -2;
		}
		s[k] = (char)(a * 16 + b);
	}
	s[(n - 1) / 2] = '\0';
	*out = s;
	return 1;
}

int ps_verify_parse(const char *out, size_t len, struct ps_observed *o, struct ps_error *err)
{
	const char *b = out ? memmem(out, len, "PATHSCOPE-PROBE-BEGIN\n", 22) : NULL;
	const char *e, *p;
	int lineno = 0;
	if (!b) {
		o->probe_ok = false;
		return 0;
	}
	p = b + 22;
	e = memmem(p, len - (size_t)(p - out), "PATHSCOPE-PROBE-END\n", 20);
	if (!e) {
		ps_error_set(err, PS_ERR_PARSE, "probe output is truncated (no end marker)");
		return -1;
	}
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *sp;
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(e - p);
		char *val = NULL;
		int st;
		lineno++;
		sp = memchr(p, ' ', ll);
		if (!sp) {
			ps_error_set(err, PS_ERR_PARSE, "probe output line %d is malformed", lineno);
			return -1;
		}
#define KEY_IS(k) ((size_t)(sp - p) == strlen(k) && !memcmp(p, k, strlen(k)))
		if (KEY_IS("flag")) {
			/* the line is not NUL-terminated: copy it before sscanf reads it */
			char line[80], name[40];
			size_t rest = ll - (size_t)(sp - p) - 1;
			int v;
			if (rest >= sizeof line)
				rest = sizeof line - 1;
			memcpy(line, sp + 1, rest);
			line[rest] = '\0';
			if (sscanf(line, "%39s %d", name, &v) == 2)
				for (int i = 0; i < PS_OBS_NFLAGS; i++)
					if (!strcmp(name, flag_keys[i]))
						o->flags[i] = v;
		} else if (KEY_IS("site")) {
			o->site_imported = sp[1] == '1';
		} else if (KEY_IS("enable_user_site")) {
			o->enable_user_site = !strncmp(sp + 1, "True", 4) ? 1
					      : !strncmp(sp + 1, "False", 5) ? 0 : -1;
		} else {
			st = decode_value(sp + 1, ll - (size_t)(sp - p) - 1, &val);
			if (st == -3) {
				ps_error_set(err, PS_ERR_NOMEM, "out of memory");
				return -1;
			}
			if (st == -2) {
				ps_error_set(err, PS_ERR_PARSE, "probe output line %d has a bad value", lineno);
				return -1;
			}
			if (KEY_IS("path")) {
				if (ps_strv_push_take(&o->path, val ? val : strdup("")) < 0) {
					ps_error_set(err, PS_ERR_NOMEM, "out of memory");
					return -1;
				}
				val = NULL;
			} else {
				for (int i = 0; i < PS_OBS_NSTR; i++)
					if (KEY_IS(str_keys[i])) {
						free(o->str[i]);
						o->str[i] = val;
						o->str_state[i] = st;
						val = NULL;
					}
			}
			free(val);
		}
#undef KEY_IS
		p = nl ? nl + 1 : e;
	}
	o->probe_ok = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Comparison                                                          */
/* ------------------------------------------------------------------ */

void ps_verify_init(struct ps_verify *v)
{
	memset(v, 0, sizeof *v);
	ps_strv_init(&v->notes);
}

void ps_verify_release(struct ps_verify *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->f[i].field);
		free(v->f[i].predicted);
		free(v->f[i].actual);
	}
	free(v->f);
	ps_strv_release(&v->notes);
	ps_verify_init(v);
}

static bool field(struct ps_verify *v, const char *name, const char *pred, const char *act,
		  bool equal)
{
	struct ps_vfield *t = realloc(v->f, (v->n + 1) * sizeof *t);
	if (!t)
		return false;
	v->f = t;
	t += v->n;
	t->field = strdup(name);
	t->predicted = strdup(pred ? pred : "None");
	t->actual = strdup(act ? act : "None");
	t->equal = equal;
	v->n++;
	if (!equal)
		v->ndiff++;
	return t->field && t->predicted && t->actual;
}

static bool str_field(struct ps_verify *v, const char *name, const char *pred, const char *act)
{
	bool eq = (!pred && !act) || (pred && act && !strcmp(pred, act));
	return field(v, name, pred, act, eq);
}

/*
 * The errors site.py reports on stderr without stopping the start-up:
 * "Error processing line N of FILE:" for a failing .pth line (2.7 and 3.x
 * print the same words), "Error in sitecustomize; ..." / "Error in
 * usercustomize; ...".  Appends "line N of FILE" per .pth error, in order,
 * to pth, and the customize lines to custom.  Returns false on OOM.
 */
static bool stderr_site_errors(const char *t, struct ps_strv *pth, struct ps_strv *custom)
{
	static const char pre[] = "Error processing line ";
	while (t && *t) {
		const char *nl = strchr(t, '\n');
		size_t n = nl ? (size_t)(nl - t) : strlen(t);
		if (n && t[n - 1] == '\r')
			n--;
		if (n > sizeof pre && !strncmp(t, pre, sizeof pre - 1) && t[n - 1] == ':') {
			const char *p = t + sizeof pre - 1, *of;
			char *end;
			long line = strtol(p, &end, 10);
			of = end;
			if (end > p && !strncmp(of, " of ", 4) && of + 4 < t + n - 1 &&
			    ps_strv_pushf(pth, "line %ld of %.*s", line, (int)(t + n - 1 - (of + 4)),
					  of + 4) < 0)
				return false;
		} else if ((n > 22 && !strncmp(t, "Error in sitecustomize", 22)) ||
			   (n > 22 && !strncmp(t, "Error in usercustomize", 22))) {
			if (ps_strv_pushf(custom, "%.*s", (int)n, t) < 0)
				return false;
		}
		t = nl ? nl + 1 : NULL;
	}
	return true;
}

/* "a; b; c", or "(none)"; yours, NULL on OOM. */
static char *joined(const struct ps_strv *sv)
{
	struct ps_buf b;
	ps_buf_init(&b);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			ps_buf_adds(&b, "; ");
		ps_buf_adds(&b, sv->v[i]);
	}
	if (!sv->n)
		ps_buf_adds(&b, "(none)");
	return ps_buf_detach(&b);
}

/*
 * The .pth errors predicted (r->pth lines whose action is "error": site.py
 * prints "Error processing line N of FILE:" and goes on) against those the
 * real interpreter printed; a sitecustomize/usercustomize error is never
 * predicted (pathscope does not run them), so one on stderr is a
 * difference.  Fields are added only when either side has something.
 */
static bool compare_site_errors(const struct ps_result *r, const struct ps_observed *o,
				struct ps_verify *v)
{
	struct ps_strv pred, act, custom;
	bool ok = true;
	ps_strv_init(&pred);
	ps_strv_init(&act);
	ps_strv_init(&custom);
	for (size_t i = 0; i < r->npth && ok; i++) {
		const struct ps_pth_line *l = &r->pth[i];
		size_t fl = l->file ? strlen(l->file) : 0;
		/* a ._pth file ends in "_pth": its errors are fatal, compared above */
		if (l->action != PS_PTH_ERROR || fl < 4 || strcmp(l->file + fl - 4, ".pth"))
			continue;
		ok = ps_strv_pushf(&pred, "line %d of %s", l->line, l->file) >= 0;
	}
	ok = ok && stderr_site_errors(o->stderr_text, &act, &custom);
	if (ok && (pred.n || act.n)) {
		char *a = joined(&pred), *b = joined(&act);
		ok = a && b && field(v, "stderr: Error processing (.pth)", a, b, ps_strv_equal(&pred, &act));
		free(a);
		free(b);
	}
	for (size_t i = 0; ok && i < custom.n; i++)
		ok = field(v, strstr(custom.v[i], "usercustomize") ? "stderr: usercustomize"
			   : "stderr: sitecustomize",
			   "(no error predicted: pathscope never runs it)", custom.v[i], false);
	ps_strv_release(&pred);
	ps_strv_release(&act);
	ps_strv_release(&custom);
	return ok;
}

static const char *pyrepr_bool(int b)
{
	return b == 1 ? "True" : b == 0 ? "False" : "None";
}

int ps_verify_compare(const struct ps_result *r, const struct ps_inputs *in,
		      const struct ps_observed *o, struct ps_verify *v, struct ps_error *err)
{
	const struct ps_sys_out *s = &r->sys;
	bool ok = true;
	char pred[64], act[64];

	ps_verify_release(v);
	/* start-up: a predicted fatal error against the real exit status */
	if (r->has_fatal || !o->probe_ok) {
		bool real_fatal = !o->probe_ok;
		bool eq = r->has_fatal && real_fatal && o->exit_status == r->fatal.exit_status &&
			  (!r->fatal.message || (o->stderr_text && strstr(o->stderr_text, r->fatal.message)));
		char *p = NULL, *a = NULL;
		if (r->has_fatal)
			p = r->fatal.message ? strdup(r->fatal.message) : strdup("fatal error");
		if (real_fatal) {
			const char *t = o->stderr_text ? o->stderr_text : "";
			const char *nl = strchr(t, '\n');
			size_t n = nl ? (size_t)(nl - t) : strlen(t);
			a = malloc(n + 1);
			if (a) {
				memcpy(a, t, n);
				a[n] = '\0';
			}
		}
		snprintf(pred, sizeof pred, "%d", r->has_fatal ? r->fatal.exit_status : 0);
		snprintf(act, sizeof act, "%d", o->exit_status);
		ok &= field(v, "exit_status", pred, act, r->has_fatal ? eq || o->exit_status == r->fatal.exit_status
							       : o->exit_status == 0);
		ok &= field(v, "fatal", p ? p : "(starts)", a ? (*a ? a : "(no stderr)") : "(starts)", eq ||
			    (!r->has_fatal && !real_fatal));
		free(p);
		free(a);
		if (!ok)
			goto oom;
		if (!r->has_sys || !o->probe_ok)
			return 0;
	}

	ok &= str_field(v, "sys.executable", s->executable, o->str[0]);
	if (o->str_state[1] != -1)
		ok &= str_field(v, "sys._base_executable", s->base_executable, o->str[1]);
	ok &= str_field(v, "sys.prefix", s->prefix, o->str[2]);
	ok &= str_field(v, "sys.exec_prefix", s->exec_prefix, o->str[3]);
	if (o->str_state[4] != -1)
		ok &= str_field(v, "sys.base_prefix", s->base_prefix, o->str[4]);
	if (o->str_state[5] != -1)
		ok &= str_field(v, "sys.base_exec_prefix", s->base_exec_prefix, o->str[5]);
	if (o->str_state[6] != -1)
		ok &= str_field(v, "sys.platlibdir", s->platlibdir, o->str[6]);
	if (o->str_state[7] != -1)
		ok &= str_field(v, "sys._home", s->home, o->str[7]);
	ok &= field(v, "site ran", s->site_ran ? "True" : "False", o->site_imported ? "True" : "False",
		    s->site_ran == o->site_imported);
	if (s->site_ran && o->site_imported) {
		ok &= str_field(v, "site.USER_BASE", s->user_base, o->str[8]);
		ok &= str_field(v, "site.USER_SITE", s->user_site, o->str[9]);
		ok &= field(v, "site.ENABLE_USER_SITE", pyrepr_bool(s->enable_user_site),
			    pyrepr_bool(o->enable_user_site), s->enable_user_site == o->enable_user_site);
	}
	{
		const int pf[PS_OBS_NFLAGS] = { s->flags.ignore_environment, s->flags.isolated,
						 s->flags.no_user_site, s->flags.no_site, s->flags.safe_path };
		for (int i = 0; i < PS_OBS_NFLAGS; i++) {
			char name[48];
			if (o->flags[i] < 0)
				continue;
			snprintf(name, sizeof name, "sys.flags.%s", flag_keys[i]);
			snprintf(pred, sizeof pred, "%d", pf[i]);
			snprintf(act, sizeof act, "%d", o->flags[i]);
			ok &= field(v, name, pred, act, pf[i] == o->flags[i]);
		}
	}
	ok &= compare_site_errors(r, o, v);
	{
		/*
		 * The probe always runs as -c (or from stdin for interactive): for
		 * --script / --module runs sys.path[0] cannot be observed without
		 * running the user's code, so both sides drop their own path0 and
		 * the rest is compared.
		 */
		size_t ps = 0, os = 0;
		bool script_like = in->run.kind == PS_RUN_SCRIPT || in->run.kind == PS_RUN_MODULE;
		if (script_like) {
			int safe = o->flags[4] > 0 || (o->flags[4] < 0 && o->flags[1] > 0);
			if (r->nentries > 0 && r->entries[0].origin == PS_ORIGIN_SCRIPT_DIR)
				ps = 1;
			if (!safe && o->path.n > 0)
				os = 1;
			if (ps_strv_pushf(&v->notes, "sys.path[0] not compared: the real run uses -c, "
					  "because verify never runs your %s; predicted sys.path[0] "
					  "is %s", in->run.kind == PS_RUN_SCRIPT ? "script" : "module",
					  ps ? s->path.v[0] : "(none)") < 0)
				goto oom;
		}
		for (size_t i = 0; ps + i < s->path.n || os + i < o->path.n; i++) {
			char name[48];
			const char *a = ps + i < s->path.n ? s->path.v[ps + i] : "(absent)";
			const char *b = os + i < o->path.n ? o->path.v[os + i] : "(absent)";
			snprintf(name, sizeof name, "sys.path[%zu]", ps + i);
			ok &= field(v, name, a, b, !strcmp(a, b));
		}
	}
	if (!ok)
		goto oom;
	return 0;
oom:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
	return -1;
}

static void write_doc(const struct ps_verify *v, const struct ps_observed *o,
		      const char *interpreter, struct ps_buf *out, bool yaml)
{
	struct ps_ynode *root = ps_ynode_new(PS_Y_MAP), *fields = ps_ynode_new(PS_Y_SEQ);
	struct ps_ynode *notes = ps_ynode_new(PS_Y_SEQ);
	bool oom = !root || !fields || !notes;
	if (!oom) {
		oom |= ps_ynode_set(root, "schema", ps_ynode_int(1)) < 0;
		oom |= ps_ynode_set(root, "interpreter", ps_ynode_str(interpreter)) < 0;
		oom |= ps_ynode_set(root, "exit_status", ps_ynode_int(o->exit_status)) < 0;
		oom |= ps_ynode_set(root, "timed_out", ps_ynode_bool(o->timed_out)) < 0;
		oom |= ps_ynode_set(root, "equal", ps_ynode_bool(v->ndiff == 0)) < 0;
		oom |= ps_ynode_set(root, "differences", ps_ynode_int((long long)v->ndiff)) < 0;
		for (size_t i = 0; i < v->n && !oom; i++) {
			struct ps_ynode *m = ps_ynode_new(PS_Y_MAP);
			if (!m) {
				oom = true;
				break;
			}
			oom |= ps_ynode_set(m, "field", ps_ynode_str(v->f[i].field)) < 0;
			oom |= ps_ynode_set(m, "predicted", ps_ynode_str(v->f[i].predicted)) < 0;
			oom |= ps_ynode_set(m, "actual", ps_ynode_str(v->f[i].actual)) < 0;
			oom |= ps_ynode_set(m, "equal", ps_ynode_bool(v->f[i].equal)) < 0;
			oom |= ps_ynode_push(fields, m) < 0;
		}
		for (size_t i = 0; i < v->notes.n && !oom; i++)
			oom |= ps_ynode_push(notes, ps_ynode_str(v->notes.v[i])) < 0;
		if (!oom) {
			oom |= ps_ynode_set(root, "fields", fields) < 0;
			fields = NULL;
			oom |= ps_ynode_set(root, "notes", notes) < 0;
			notes = NULL;
			oom |= ps_ynode_set(root, "stderr", ps_ynode_str(o->stderr_text)) < 0;
		}
	}
	if (oom)
		out->oom = true;
	else if (yaml)
		ps_yaml_write_tree(root, out);
	else
		ps_json_write_tree(root, out);
	ps_ynode_free(root);
	ps_ynode_free(fields);
	ps_ynode_free(notes);
}

void ps_verify_write_json(const struct ps_verify *v, const struct ps_observed *o,
			  const char *interpreter, struct ps_buf *out)
{
	write_doc(v, o, interpreter, out, false);
}

void ps_verify_write_yaml(const struct ps_verify *v, const struct ps_observed *o,
			  const char *interpreter, struct ps_buf *out)
{
	write_doc(v, o, interpreter, out, true);
}
