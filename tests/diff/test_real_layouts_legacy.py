#!/usr/bin/env python3
"""Differential test for the C getpath era: pathscope against real CPython
2.7, 3.6, 3.7, 3.8, 3.9 and 3.10 (pyenv) on real layouts.

The same families as test_real_layouts.py (h5's, for 3.11+), minus what a
version lacks (no venv module in 2.7, no -I in 2.7, no -P anywhere here),
plus what only these versions do: the token pyvenv.cfg parser, textual
symlink joins ('bin/..' residue in sys.prefix), the lib-dynload fallback
without pythonM.m, compile-time PYTHONPATH entries (2.7's plat-linux2,
3.6's doubled stdlib), Modules/Setup vs Modules/Setup.local build trees,
pybuilddir.txt, the readlink loop limit of 3.9/3.10, the empty PYTHONHOME
and PYTHONPATH of 2.7/3.6, each version's fatal output.

Each case runs the real interpreter (`env -i` + the case's variables, the
case's argv[0], cwd and flags) and `pathscope resolve --rules X.Y` on the
same tree, and compares sys.executable, sys._base_executable, sys.prefix,
sys.exec_prefix, sys.base_*, sys.path, sys.flags and the getpath warnings.
Every case runs with -S (getpath's own result plus sys.path[0]); with
--site (default when engine/site.c exists) also without -S, reported under
the label "site" so that site-stage gaps of old versions stay visible as
such.  When the real interpreter fails, pathscope must predict the fatal
error, and its full predicted stderr must equal the real one (thread ids
zeroed) for the encodings/site failures.

Options: -v, -k SUBSTRING, --site / --no-site, -j N.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffutil  # noqa: E402
import test_real_layouts as base  # noqa: E402  (h5's helpers: inv, write, copy_binary, ...)

import argparse  # noqa: E402
import ast  # noqa: E402
import glob  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

REPO = diffutil.REPO
TIMEOUT = 20
VERSIONS = ('2.7', '3.6', '3.7', '3.8', '3.9', '3.10')

# Runs on 2.7 too: no f-strings, getattr for what old versions lack.
PROBE = r'''
import sys
d = {'executable': sys.executable, 'base_executable': getattr(sys, '_base_executable', None),
     'prefix': sys.prefix, 'exec_prefix': sys.exec_prefix,
     'base_prefix': getattr(sys, 'base_prefix', None),
     'base_exec_prefix': getattr(sys, 'base_exec_prefix', None), 'path': list(sys.path),
     'flags': dict((k, int(getattr(sys.flags, k, 0))) for k in
                   ('ignore_environment', 'isolated', 'no_user_site', 'no_site'))}
s = sys.modules.get('site')
if s is not None and hasattr(s, 'ENABLE_USER_SITE'):
    d['enable_user_site'] = s.ENABLE_USER_SITE
    d['user_site'] = getattr(s, 'USER_SITE', None)
print(repr(d))
'''


class Interp:
    def __init__(self, ver, prefix):
        self.label = ver
        self.ver = ver
        self.prefix = prefix
        self.binary = os.path.join(prefix, 'bin', 'python' + ver)
        self.short = 'python2' if ver.startswith('2') else 'python3'
        self.capi = False


def find_interpreters():
    found, missing = [], []
    roots = [os.environ.get('PYENV_ROOT') or os.path.expanduser('~/.pyenv'), '/root/.pyenv']
    for v in VERSIONS:
        hit = None
        for r in roots:
            cands = sorted(glob.glob(os.path.join(r, 'versions', v + '.*', 'bin', 'python' + v)),
                           key=lambda p: [int(x) for x in re.findall(r'\d+', p.split('/versions/')[1].split('/')[0])],
                           reverse=True)
            cands = [c for c in cands if re.match(r'^\d+\.\d+\.\d+$', c.split('/versions/')[1].split('/')[0])]
            if cands:
                hit = cands[0]
                break
        if hit:
            found.append(Interp(v, os.path.dirname(os.path.dirname(hit))))
        else:
            missing.append(f'no CPython {v} under {", ".join(roots)}')
    return found, missing


inv, symlink = base.inv, base.symlink


def write(path, content, mode=None):
    # never write through a link into a real installation
    if os.path.islink(path) or not os.path.realpath(os.path.dirname(path)).startswith(
            os.path.realpath(tempfile.gettempdir())):
        raise RuntimeError(f'refusing to write {path}: it leads outside the scratch tree')
    base.write(path, content, mode)


def copy_binary(ip, dst):
    """Copies the real binary to dst, and makes its build readable to
    pathscope's detection: the compiled-in values are read from the
    _sysconfigdata / Makefile under dirname(dirname(dst))/lib/pythonX.Y,
    which a bare copy lacks (a detection matter, not getpath's: neither
    file is a getpath landmark, so the layout means the same to CPython)."""
    base.copy_binary(ip, dst)
    root = os.path.dirname(os.path.dirname(dst))
    for src in glob.glob(os.path.join(lib(ip), '_sysconfigdata*.py')) + \
            glob.glob(os.path.join(lib(ip), 'config*', 'Makefile')):
        rel = os.path.relpath(src, lib(ip))
        link = os.path.join(root, 'lib', 'python' + ip.ver, rel)
        if not os.path.lexists(link):
            symlink(src, link)
    return dst
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def since(minor):
    """Cases for 3.<minor>+ only (2.7 counts as older than every 3.x)."""
    def deco(fn):
        def w(ip, T):
            M, m = map(int, ip.ver.split('.'))
            if M < 3 or m < minor:
                return None
            return fn(ip, T)
        w.__name__ = fn.__name__
        return w
    return deco


def lib(ip):
    return os.path.join(ip.prefix, 'lib', 'python' + ip.ver)


# --- executables, PATH, symlinks -------------------------------------------

@case
def plain_abs(ip, T):
    return inv(ip.binary, ip.binary, T)


@case
def plain_short_link(ip, T):
    p = os.path.join(ip.prefix, 'bin', ip.short)
    return inv(p, p, T)


@case
def bare_name_on_path(ip, T):
    d = os.path.dirname(ip.binary)
    return inv(os.path.basename(ip.binary), ip.binary, T, {'PATH': f'/nonexistent:{d}:/usr/bin'})


@case
def relative_path_entry(ip, T):
    # PATH=bin: <=3.10 makes the hit absolute (spec #36)
    return inv(ip.short, os.path.join(ip.prefix, 'bin', ip.short), ip.prefix, {'PATH': 'bin:/usr/bin'})


@case
def empty_path_entry_symlink(ip, T):
    return inv(ip.short, os.path.join(ip.prefix, 'bin', ip.short), os.path.join(ip.prefix, 'bin'),
               {'PATH': ':/usr/bin'})



@case
def file_symlink(ip, T):
    symlink(ip.binary, os.path.join(T, 'L', ip.short))
    return inv(os.path.join(T, 'L', ip.short), ip.binary, T)


@case
def dir_symlink(ip, T):
    symlink(ip.prefix, os.path.join(T, 'D'))
    p = os.path.join(T, 'D', 'bin', ip.short)
    return inv(p, p, T)


@case
def relative_symlink_dotdot(ip, T):
    # R/bin/python3 -> ../../<P>/bin/python3.X: sys.prefix keeps 'bin/../..' (spec #38)
    link = os.path.join(T, 'R', 'bin', ip.short)
    os.makedirs(os.path.dirname(link))
    os.symlink(os.path.relpath(ip.binary, os.path.dirname(link)), link)
    return inv(link, ip.binary, T)


@case
def relative_argv0_dotdot(ip, T):
    symlink(ip.prefix, os.path.join(T, 'rt'))
    return inv(f'./rt/bin/../bin/{ip.short}', os.path.join(ip.prefix, 'bin', ip.short), T)



@case
def copied_binary_empty_tree(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python'))
    return inv(exe, exe, T)


@case
def copied_binary_linked_stdlib(ip, T):
    symlink(lib(ip), os.path.join(T, 'lib', 'python' + ip.ver))
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    return inv(exe, exe, T)


@case
def copied_binary_stdlib_no_dynload(ip, T):
    # os.py found but no lib-dynload: prefix T, exec_prefix EXEC_PREFIX (spec #40)
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    for n in os.listdir(lib(ip)):
        if n not in ('lib-dynload', 'site-packages') and \
                not os.path.lexists(os.path.join(T, 'lib', 'python' + ip.ver, n)):
            symlink(os.path.join(lib(ip), n), os.path.join(T, 'lib', 'python' + ip.ver, n))
    return inv(exe, exe, T)


@case
def copied_binary_stdlib_without_encodings(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    write(os.path.join(T, 'lib', 'python' + ip.ver, 'os.py'), '')
    return inv(exe, exe, T)


@case
def copied_binary_os_pyc_only(ip, T):
    # os.pyc is a landmark too; the stdlib is linked in beside it
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    d = os.path.join(T, 'lib', 'python' + ip.ver)
    for n in os.listdir(lib(ip)):
        if n != 'os.py' and not os.path.lexists(os.path.join(d, n)):
            symlink(os.path.join(lib(ip), n), os.path.join(d, n))
    # a real compiled os module (2.7 keeps os.pyc beside os.py, 3.x in __pycache__),
    # so that site's `import os` works from the sourceless file
    pycs = glob.glob(os.path.join(lib(ip), 'os.pyc')) + \
        glob.glob(os.path.join(lib(ip), '__pycache__', 'os.cpython-*.pyc'))
    if os.path.lexists(os.path.join(d, 'os.pyc')):
        os.unlink(os.path.join(d, 'os.pyc'))
    shutil.copy(pycs[0], os.path.join(d, 'os.pyc'))
    return inv(exe, exe, T)


@case
def copied_binary_empty_zip(ip, T):
    # <=3.10 ignores the zip as a landmark (spec #43)
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    write(os.path.join(T, 'lib', 'python' + ip.ver.replace('.', '') + '.zip'), '')
    return inv(exe, exe, T)


# --- build trees ------------------------------------------------------------

def _build(marker, builddir=None, lib_link=True):
    def f(ip, T):
        B = os.path.join(T, 'b')      # the build directory
        exe = copy_binary(ip, os.path.join(B, 'python'))
        if marker:
            write(os.path.join(B, 'Modules', marker), '')
        if lib_link:
            symlink(lib(ip), os.path.join(B, 'Lib'))
        if builddir is not None:
            write(os.path.join(B, 'pybuilddir.txt'), builddir)
            os.makedirs(os.path.join(B, 'build', 'lib.linux'), exist_ok=True)
        return inv(exe, exe, T)
    return f


CASES['build_setup'] = _build('Setup')
CASES['build_setup_local'] = _build('Setup.local')
CASES['build_pybuilddir'] = _build(None, 'build/lib.linux')
CASES['build_pybuilddir_newline'] = _build(None, 'build/lib.linux\n')
CASES['build_both'] = _build('Setup.local', 'build/lib.linux')


@case
def build_pybuilddir_directory(ip, T):
    # 3.9/3.10 fopen() a directory named pybuilddir.txt; <=3.8 stat() it first
    symlink(lib(ip), os.path.join(T, 'lib', 'python' + ip.ver))
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    os.makedirs(os.path.join(T, 'bin', 'pybuilddir.txt'))
    return inv(exe, exe, T)


# --- venvs (3.6+; 2.7 has no venv module) ----------------------------------

def _venv(ip, T, copies):
    v = os.path.join(T, 'v')
    args = [ip.binary, '-m', 'venv', '--without-pip']
    if copies:
        args.append('--copies')
    diffutil.run_exec(args + [v], check=True, capture_output=True, env={'PATH': '/usr/bin:/bin'},
                   timeout=60, stdin=subprocess.DEVNULL)
    return os.path.join(v, 'bin', 'python')


for _copies in (False, True):
    for _extra_name, _extra in [('', {}), ('_S', {'flags': ['-S']}), ('_I', {'flags': ['-I']}),
                                ('_E', {'flags': ['-E']}), ('_home', {'home': True})]:
        def _mk(copies=_copies, extra=_extra):
            @since(6)
            def f(ip, T):
                exe = _venv(ip, T, copies)
                env = {'PYTHONHOME': ip.prefix} if extra.get('home') else {}
                return inv(exe, exe, T, env, extra.get('flags', ()))
            return f
        CASES[f'venv_{"copies" if _copies else "symlinks"}{_extra_name}'] = _mk()


# --- pyvenv.cfg variants (the token parser; 2.7 ignores the file) -----------

def _cfg_case(cfg, where='parent', extra=None):
    def f(ip, T):
        exe = copy_binary(ip, os.path.join(T, 'bin', 'python'))
        body = cfg.replace('@BIN', os.path.join(ip.prefix, 'bin'))
        write(os.path.join(T, 'pyvenv.cfg') if where == 'parent' else os.path.join(T, 'bin', 'pyvenv.cfg'), body)
        os.makedirs(os.path.join(T, 'lib', 'python' + ip.ver, 'site-packages'))
        if extra == 'both':
            write(os.path.join(T, 'bin', 'pyvenv.cfg'), 'home = /nonexistent/bin\n')
        if extra == 'relhome':
            symlink(ip.prefix, os.path.join(T, 'fh'))
        if extra == 'fake_home':
            # a home that really holds a stdlib (linked), so the cfg visibly wins
            fh = os.path.join(T, 'fh')
            os.makedirs(os.path.join(fh, 'bin'))
            symlink(lib(ip), os.path.join(fh, 'lib', 'python' + ip.ver))
        return inv(exe, exe, T)
    return f


for _n, _cfg, _w, _x in [('cfg_std', 'home = @BIN\n', 'parent', None),
                         ('cfg_fake_home', 'home = @T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_nospace', 'home=@T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_upper', 'Home = @T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_tabs', 'home\t=\t@T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_comment_first', '# home = /nope\nhome = @T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_no_newline', 'version = 3\nhome = @T/fh/bin', 'parent', 'fake_home'),
                         ('cfg_two_spaces', 'home =  @T/fh/bin\n', 'parent', 'fake_home'),
                         ('cfg_crlf', 'home = @T/fh/bin\r\n', 'parent', 'fake_home'),
                         ('cfg_in_bin', 'home = @T/fh/bin\n', 'bin', 'fake_home'),
                         ('cfg_both', 'home = @T/fh/bin\n', 'parent', 'both'),
                         ('cfg_no_home', 'include-system-site-packages = false\n', 'parent', None),
                         ('cfg_relative_home', 'home = fh/bin\n', 'parent', 'relhome'),
                         ('cfg_long_line', '#' * 9000 + '\nhome = @T/fh/bin\n', 'parent', 'fake_home')]:
    def _mkcfg(cfg=_cfg, w=_w, x=_x):
        def f(ip, T):
            return _cfg_case(cfg.replace('@T', T), w, x)(ip, T)
        return f
    CASES[_n] = _mkcfg()


# --- PYTHONHOME, PYTHONPATH, PYTHONPLATLIBDIR, flags, ignored variables ------

def _home_case(value, cwd=None, flags=()):
    def f(ip, T):
        if '-I' in flags and ip.ver == '2.7':
            return None
        val = value.replace('@P', ip.prefix).replace('@V', os.path.basename(ip.prefix))
        c = (cwd or T).replace('@P', ip.prefix)
        p = os.path.join(ip.prefix, 'bin', ip.short)
        return inv(p, p, c, {'PYTHONHOME': val}, flags)
    return f


for _n, _v, _cwd, _fl in [('home_P', '@P', None, ()), ('home_P_x', '@P:/x', None, ()),
                          ('home_P_colon', '@P:', None, ()), ('home_colon', ':', None, ()),
                          ('home_colon_in_prefix', ':', '@P', ()),
                          ('home_empty', '', None, ()), ('home_dot', '.', '@P', ()),
                          ('home_dot_slash', './', '@P', ()), ('home_missing', '/nonexistent', None, ()),
                          ('home_missing_E', '/nonexistent', None, ('-E',)),
                          ('home_missing_I', '/nonexistent', None, ('-I',)),
                          ('home_trailing_slash', '@P/', None, ()),
                          ('home_relative_sibling', '../@V', '@P', ())]:
    CASES[_n] = _home_case(_v, _cwd, _fl)


@case
def pythonpath_forms(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPATH': 'rel1::/abs2/../abs3:'})


@case
def pythonpath_empty(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPATH': ''})


@case
def pythonpath_E(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPATH': '/pp'}, ['-E'])


for _fl in (['-E'], ['-I'], ['-s'], ['-E', '-s'], ['-I', '-S']):
    def _mkfl(fl=_fl):
        def f(ip, T):
            if '-I' in fl and ip.ver == '2.7':
                return None
            return inv(ip.binary, ip.binary, T, {'PYTHONPATH': '/pp', 'PYTHONNOUSERSITE': '1'}, fl)
        return f
    CASES['flags' + ''.join(_fl).replace('-', '_')] = _mkfl()


@case
def nousersite_zero(ip, T):
    # 2.7/3.6: any non-empty value disables the user site; 3.7+: the integer 0 does not
    return inv(ip.binary, ip.binary, T, {'PYTHONNOUSERSITE': '0'})


@case
def platlibdir_bogus(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPLATLIBDIR': 'bogus'})


@case
def platlibdir_bogus_E(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPLATLIBDIR': 'bogus'}, ['-E'])


@case
def pythonexecutable_ignored(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONEXECUTABLE': os.path.join(T, 'v', 'bin', 'python')})


@case
def pyvenv_launcher_ignored(ip, T):
    return inv(ip.binary, ip.binary, T, {'__PYVENV_LAUNCHER__': os.path.join(T, 'v', 'bin', 'python')})


@case
def pth_ignored(ip, T):
    # no ._pth on POSIX before 3.11
    symlink(lib(ip), os.path.join(T, 'lib', 'python' + ip.ver))
    exe = copy_binary(ip, os.path.join(T, 'bin', ip.short))
    write(os.path.join(T, 'bin', ip.short + '._pth'), '/nonexistent\n')
    return inv(exe, exe, T, {'PYTHONPATH': '/pp'})


@case
def safepath_ignored(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONSAFEPATH': '1'})


# --- user site (compared only in the site runs) ------------------------------

@case
def usersite_plain(ip, T):
    os.makedirs(os.path.join(T, 'home', '.local', 'lib', 'python' + ip.ver, 'site-packages'))
    return inv(ip.binary, ip.binary, T)


@case
def script_dir_link(ip, T):
    real = os.path.join(T, 's', 'real')
    write(os.path.join(real, 'script.py'), PROBE)
    symlink(real, os.path.join(T, 'sdl'))
    return inv(ip.binary, ip.binary, T, None, (), ('script', os.path.join(T, 'sdl', 'script.py')))


@case
def module_run(ip, T):
    write(os.path.join(T, 'probe_mod_ps.py'), PROBE)
    return inv(ip.binary, ip.binary, T, None, (), ('module', 'probe_mod_ps'))


# --- site.py of the older versions (h11): .pth files in a private site-packages -------

def wbytes(path, data):
    """Writes bytes (a .pth with a NUL or a BOM) inside the scratch tree only."""
    if os.path.islink(path) or not os.path.realpath(os.path.dirname(path) if os.path.isdir(
            os.path.dirname(path)) else tempfile.gettempdir()).startswith(
            os.path.realpath(tempfile.gettempdir())):
        raise RuntimeError(f'refusing to write {path}: it leads outside the scratch tree')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def mirror(ip, T):
    """T/bin/pythonX.Y (a copy) over T/lib/pythonX.Y, a real directory whose entries
    link to the installation's standard library, except site-packages: a directory
    of its own, so that .pth files can be written there without touching the install."""
    d = os.path.join(T, 'lib', 'python' + ip.ver)
    os.makedirs(os.path.join(d, 'site-packages'))
    for n in os.listdir(lib(ip)):
        if n != 'site-packages':
            os.symlink(os.path.join(lib(ip), n), os.path.join(d, n))
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python' + ip.ver))
    return exe, os.path.join(d, 'site-packages')


@case
def site_pth_kinds(ip, T):
    # comment, blank and blank-looking lines, relative, absolute, missing, duplicate,
    # import line, a dot-file (read by every version here), CRLF line ends
    exe, sp = mirror(ip, T)
    for d in ('d1', 'd2', 'd3'):
        os.makedirs(os.path.join(T, d))
    os.makedirs(os.path.join(sp, 'rel'))
    wbytes(os.path.join(sp, 'a.pth'), (f'# c\n\n   \n{T}/d1\nrel\n/nonexistent\n{T}/d1\nimport sys\n.\n').encode())
    wbytes(os.path.join(sp, '.hid.pth'), f'{T}/d2\n'.encode())
    wbytes(os.path.join(sp, 'b.pth'), f'{T}/d3\r\n'.encode())
    return inv(exe, exe, T)


@case
def site_pth_nul(ip, T):
    # 2.7 TypeError, 3.6/3.7 ValueError ("Error processing line 2"); 3.8+ just missing
    exe, sp = mirror(ip, T)
    for d in ('d1', 'd2', 'd3'):
        os.makedirs(os.path.join(T, d))
    wbytes(os.path.join(sp, 'a.pth'), f'{T}/d1\n/us\0r\n{T}/d2\n'.encode())
    wbytes(os.path.join(sp, 'b.pth'), f'{T}/d3\n'.encode())
    return inv(exe, exe, T)


@case
def site_pth_bom(ip, T):
    # the BOM stays part of line 1 (bytes in 2.7; 3.6 in the C locale cannot decode it)
    exe, sp = mirror(ip, T)
    os.makedirs(os.path.join(T, 'd1'))
    os.makedirs(os.path.join(T, 'd2'))
    wbytes(os.path.join(sp, 'a.pth'), b'\xef\xbb\xbf' + f'{T}/d1\n{T}/d2\n'.encode())
    return inv(exe, exe, T)


@case
def site_pth_non_ascii(ip, T):
    # UTF-8 text: 3.6 in the C locale decodes ASCII and fails; the others read it
    # (not 2.7: its byte-string repr does not read back as the same text here)
    if ip.ver == '2.7':
        return None
    exe, sp = mirror(ip, T)
    os.makedirs(os.path.join(T, 'caf\u00e9'))
    wbytes(os.path.join(sp, 'a.pth'), f'{T}/caf\u00e9\n'.encode('utf-8'))
    return inv(exe, exe, T)


@case
def site_pth_non_ascii_utf8_locale(ip, T):
    if ip.ver == '2.7':
        return None
    exe, sp = mirror(ip, T)
    os.makedirs(os.path.join(T, 'caf\u00e9'))
    wbytes(os.path.join(sp, 'a.pth'), f'{T}/caf\u00e9\n'.encode('utf-8'))
    return inv(exe, exe, T, {'LC_ALL': 'C.UTF-8'})


@case
def site_pth_latin1(ip, T):
    # not UTF-8: 2.7 reads bytes; 3.6 (ASCII) and 3.7+ (UTF-8) fail to import site
    exe, sp = mirror(ip, T)
    wbytes(os.path.join(sp, 'a.pth'), f'{T}/d1\n{T}/caf'.encode() + b'\xe9\n')
    os.makedirs(os.path.join(T, 'd1'))
    return inv(exe, exe, T)


@case
def site_python_dir(ip, T):
    # PREFIX/lib/site-python: 2.7 only
    exe, sp = mirror(ip, T)
    os.makedirs(os.path.join(T, 'd1'))
    wbytes(os.path.join(T, 'lib', 'site-python', 'x.pth'), f'{T}/d1\n\n'.encode())
    return inv(exe, exe, T)


@case
def site_usersite_pth(ip, T):
    # .pth files in the user site, then the global site-packages
    exe, sp = mirror(ip, T)
    usp = os.path.join(T, 'home', '.local', 'lib', 'python' + ip.ver, 'site-packages')
    os.makedirs(usp)
    os.makedirs(os.path.join(T, 'd1'))
    wbytes(os.path.join(usp, 'u.pth'), f'{T}/d1\n{sp}\n\n'.encode())
    wbytes(os.path.join(sp, 'g.pth'), f'{T}/d1\n{usp}\n'.encode())
    return inv(exe, exe, T)


@case
def site_userbase_trailing_slash(ip, T):
    # 2.7 and 3.6 normpath() USER_SITE (sysconfig); 3.7+ keep the doubled slash
    exe, sp = mirror(ip, T)
    os.makedirs(os.path.join(T, 'ub', 'lib', 'python' + ip.ver, 'site-packages'))
    return inv(exe, exe, T, {'PYTHONUSERBASE': os.path.join(T, 'ub') + '/'})


# ---------------------------------------------------------------------------
# Running and comparing
# ---------------------------------------------------------------------------

def run_real(iv, flags):
    env = {'HOME': iv['home'], 'PATH': '/usr/bin:/bin'}
    env.update(iv['env'])
    kind, arg = iv['run']
    tail = {'command': ['-c', PROBE], 'script': [arg], 'module': ['-m', arg]}[kind]
    try:
        r = diffutil.run_exec([iv['argv0']] + flags + tail, executable=iv['exe'], cwd=iv['cwd'],
                              env=env, capture_output=True, text=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL, errors='surrogateescape')
    except subprocess.TimeoutExpired:
        return {'rc': None, 'stderr': 'timeout', 'out': None}
    out = None
    if r.returncode == 0:
        try:
            out = ast.literal_eval(r.stdout.strip().splitlines()[-1])
        except (ValueError, SyntaxError, IndexError):
            out = None
    rc = r.returncode if r.returncode >= 0 else 128 - r.returncode
    return {'rc': rc, 'stderr': r.stderr, 'out': out}


def full_stderr_check(real, ps):
    """For the start-up failures whose whole text pathscope predicts."""
    f = ps.get('fatal') or {}
    want = re.sub(r'0x[0-9a-f]{16}', '0x' + '0' * 16, real['stderr'])
    got = f.get('output')
    if got is None:
        return []
    d = []
    if want != got:
        d.append('fatal output differs:')
        d += ['  real      ' + ln for ln in want.splitlines()]
        d += ['  pathscope ' + ln for ln in got.splitlines()]
    if f.get('exit_status') is not None and f.get('exit_status') != real['rc']:
        d.append(f'exit status: real {real["rc"]}  pathscope {f.get("exit_status")}')
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('-k', dest='pattern')
    g = ap.add_mutually_exclusive_group()
    g.add_argument('--site', dest='site', action='store_true', default=None)
    g.add_argument('--no-site', dest='site', action='store_false')
    ap.add_argument('-j', type=int, default=max(4, 2 * (os.cpu_count() or 2)))
    a = ap.parse_args()
    if a.site is None:
        a.site = os.path.exists(os.path.join(REPO, 'engine', 'site.c'))
    t = diffutil.Tally('real-layouts-legacy', a.verbose)
    interps, missing = find_interpreters()
    for m in missing:
        print(f'note: {m}')
    if not interps:
        t.skip('all cases', '; '.join(missing))
        return t.finish()
    if not os.access(diffutil.pathscope_binary(), os.X_OK):
        t.fail('pathscope binary', [f'{diffutil.pathscope_binary()} is missing: build it first (make)'])
        return t.finish()
    top = tempfile.mkdtemp(prefix='ps-legacy-')
    jobs = [(ip, n, fn) for ip in interps for n, fn in CASES.items()
            if not a.pattern or a.pattern in f'{n} [{ip.label}]']

    def one(job):
        ip, name, fn = job
        T = os.path.join(top, f'{ip.label}-{name}')
        os.makedirs(os.path.join(T, 'home'))
        try:
            iv = fn(ip, T)
        except Exception as e:
            t.fail(f'{name} [{ip.label}]', [f'cannot build the layout: {type(e).__name__}: {e}'])
            return
        if iv is None:
            return
        iv['home'] = os.path.join(T, 'home')
        variants = [('-S', True)] + ([('site', False)] if a.site and '-S' not in iv['flags'] else [])
        for vname, add_S in variants:
            flags = list(iv['flags'])
            if add_S and '-S' not in flags:
                flags.append('-S')
            label = f'{name} [{ip.label} {vname}]'
            real = run_real(iv, flags)
            if real['rc'] is None:
                t.skip(label, 'the real interpreter timed out')
                continue
            rc, ps, err = base.run_ps(ip, iv, flags)
            if rc == 2 or rc is None:
                t.fail(label, [f'pathscope resolve exit {rc}: {err}'])
                continue
            d = base.compare_sys(real, ps, rc, err, not add_S)
            if not d and real['rc'] != 0 and ps and ps.get('fatal'):
                d = full_stderr_check(real, ps)
            if d:
                cmd = ' '.join(f'{k}={v!r}' for k, v in iv['env'].items())
                d.append(f'case: cd {iv["cwd"]}; {cmd} exec -a {iv["argv0"]} {iv["exe"]} {" ".join(flags)}')
                t.fail(label, d)
            else:
                t.ok(label)

    try:
        with ThreadPoolExecutor(a.j) as ex:
            list(ex.map(one, jobs))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return t.finish()


if __name__ == '__main__':
    sys.exit(main())
