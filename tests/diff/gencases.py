"""Version-neutral scenarios generated for every CPython 3.11-3.13.

Each builder takes the version "3.X" and returns a scenario dict (contract
§3) without an expect: block: the frozen getpath of that version is the
expectation.  They cover getpath-spec §2.A and the 3.11+ POSIX cases of §7
so that every version's code runs over the same inputs, next to the
hand-written tests/scenarios (which pin their own version).
"""

P = '/usr/local'            # compiled-in PREFIX of the generated builds
HOME = '/home/me'
STD_ENV = {'PATH': '/usr/bin:/bin', 'HOME': HOME}


def install(ver, root=P, lib='lib', abi='', stdlib=True, dynload=True, links=True):
    """A `make install` tree under root."""
    t = ver + abi
    f = {f'{root}/bin/python{t}': 'exec'}
    if links:
        f[f'{root}/bin/python3'] = {'link': f'python{t}'}
    if stdlib:
        f[f'{root}/{lib}/python{t}/os.py'] = 'file'
        f[f'{root}/{lib}/python{t}/encodings/__init__.py'] = 'file'
    if dynload:
        f[f'{root}/{lib}/python{t}/lib-dynload'] = 'dir'
    return f


def scn(name, ver, files, argv0, cwd=HOME, env=None, flags=None, python=None, embed=None):
    py = {'version': ver, 'prefix': P}
    py.update(python or {})
    e = dict(STD_ENV)
    for k, v in (env or {}).items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    s = {'name': name, 'platform': 'posix', 'python': py,
         'invocation': {'argv0': argv0, 'cwd': cwd, 'run': {'command': 'pass'}, 'env': e},
         'files': files}
    if flags:
        s['invocation']['flags'] = list(flags)
    if embed:
        s['embed'] = embed
    return s


def _venv(ver, cfg, *, copies=False, where='parent', extra=None):
    f = install(ver)
    if copies:
        f['/v/bin/python'] = 'exec'
        f['/v/bin/python3'] = {'link': 'python'}
    else:
        f['/v/bin/python'] = {'link': f'{P}/bin/python{ver}'}
    if cfg is not None:
        f['/v/pyvenv.cfg' if where == 'parent' else '/v/bin/pyvenv.cfg'] = {'content': cfg}
    f[f'/v/lib/python{ver}/site-packages'] = 'dir'
    f.update(extra or {})
    return f


CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


@case
def plain_abs(v):
    return scn('plain install, absolute argv0', v, install(v), f'{P}/bin/python3')


@case
def plain_bare_on_path(v):
    return scn('bare name found on PATH', v, install(v), 'python3',
               env={'PATH': f'/usr/bin:{P}/bin'})


@case
def bare_not_on_path(v):
    f = install(v)
    f[f'{HOME}/lib/python{v}/os.py'] = 'file'
    return scn('bare name not on PATH: search from cwd', v, f, 'zzpython')


@case
def path_relative_entry(v):
    return scn('relative PATH entry gives a relative executable', v, install(v), 'python3',
               cwd=P, env={'PATH': 'bin:/usr/bin'})


@case
def path_empty_entry(v):
    return scn('empty PATH entry means cwd', v, install(v), 'python3',
               cwd=f'{P}/bin', env={'PATH': ':/usr/bin'})


@case
def path_one_char_entry(v):
    f = install(v)
    f['/opt/b/python3'] = {'link': f'{P}/bin/python{v}'}
    return scn('one-character PATH entry (joinpath adds no separator)', v, f, 'python3',
               cwd='/opt', env={'PATH': 'b:/usr/bin'})


@case
def path_unset(v):
    return scn('no PATH at all', v, install(v), 'python3', env={'PATH': None})


@case
def argv0_dotdot(v):
    f = install(v, root='/t')
    return scn('relative argv0 with ..', v, f, './t/bin/../bin/python3', cwd='/')


@case
def symlink_relative_dotdot(v):
    f = install(v, root='/t')
    f['/r/bin/python3'] = {'link': '../../t/bin/python3'}
    return scn('relative symlink with ..', v, f, '/r/bin/python3')


@case
def symlink_chain(v):
    f = install(v)
    f['/usr/bin/python3'] = {'link': f'{P}/bin/python3'}
    f['/usr/bin/python'] = {'link': 'python3'}
    return scn('symlink chain across directories', v, f, '/usr/bin/python')


@case
def dir_symlink(v):
    f = install(v, root='/t')
    f['/d'] = {'link': '/t'}
    return scn('directory symlink is not resolved', v, f, '/d/bin/python3')


@case
def copied_binary_empty_tree(v):
    f = install(v)
    f['/t/bin/python'] = 'exec'
    return scn('binary copied into an empty tree, PREFIX valid', v, f, '/t/bin/python')


@case
def nothing_found(v):
    return scn('no stdlib anywhere, PREFIX invalid', v, {'/t/bin/python3': 'exec'}, '/t/bin/python3')


@case
def empty_prefix_macro(v):
    return scn('PREFIX empty: falls back to cwd', v, {'/t/bin/python3': 'exec'}, '/t/bin/python3',
               python={'prefix': '', 'exec_prefix': ''})


@case
def no_lib_dynload(v):
    f = install(v)
    f.update(install(v, root='/t', dynload=False))
    return scn('stdlib without lib-dynload: exec_prefix from EXEC_PREFIX', v, f, '/t/bin/python3')


@case
def nearest_lib_dynload(v):
    f = install(v)
    f[f'/a/lib/python{v}/os.py'] = 'file'
    f[f'/a/lib/python{v}/lib-dynload'] = 'dir'
    f[f'/a/b/lib/python{v}/lib-dynload'] = 'dir'
    f['/a/b/bin/python3'] = 'exec'
    return scn('nearest lib-dynload wins exec_prefix', v, f, '/a/b/bin/python3')


@case
def zip_landmark(v):
    f = install(v)
    f['/t/bin/python3'] = 'exec'
    f[f'/t/lib/python{v.replace(".", "")}.zip'] = 'file'
    return scn('zip landmark without stdlib dir', v, f, '/t/bin/python3')


@case
def os_pyc_only(v):
    f = install(v)
    f['/t/bin/python3'] = 'exec'
    f[f'/t/lib/python{v}/os.pyc'] = 'file'
    f[f'/t/lib/python{v}/lib-dynload'] = 'dir'
    return scn('os.pyc is a landmark too', v, f, '/t/bin/python3')


@case
def root_exe(v):
    f = install(v)
    f['/python3'] = 'exec'
    f[f'/lib/python{v}/os.py'] = 'file'
    return scn('executable in /', v, f, '/python3')


@case
def root_bin(v):
    f = install(v)
    f['/bin/python3'] = 'exec'
    f[f'/lib/python{v}/os.py'] = 'file'
    return scn('stdlib under / is never found', v, f, '/bin/python3')


@case
def platlibdir_lib64(v):
    f = install(v, root='/usr', lib='lib64')
    return scn('PLATLIBDIR lib64', v, f, '/usr/bin/python3',
               python={'prefix': '/usr', 'platlibdir': 'lib64'})


@case
def exec_prefix_differs(v):
    f = install(v, dynload=False)
    f[f'/opt/ex/lib/python{v}/lib-dynload'] = 'dir'
    return scn('EXEC_PREFIX differs from PREFIX', v, f, f'{P}/bin/python3',
               python={'exec_prefix': '/opt/ex'})


def _home(val, flags=None, extra=None, cwd=HOME):
    def b(v):
        f = install(v)
        f.update(extra or {})
        return scn(f'PYTHONHOME={val!r}', v, f, f'{P}/bin/python3', env={'PYTHONHOME': val},
                   flags=flags, cwd=cwd)
    return b


for _n, _val in [('home_prefix', P), ('home_prefix_exec', P + ':/x'), ('home_prefix_colon', P + ':'),
                 ('home_colon', ':'), ('home_empty', ''), ('home_colon_exec', ':/x'),
                 ('home_missing', '/nonexistent'), ('home_trailing_slash', P + '/'),
                 ('home_relative', 'usr/local'), ('home_one_char', 'u')]:
    CASES[_n] = _home(_val)
CASES['home_dot'] = _home('.', cwd=P)
CASES['home_dot_slash'] = _home('./', cwd=P)
CASES['home_missing_E'] = _home('/nonexistent', flags=['-E'])
CASES['home_missing_I'] = _home('/nonexistent', flags=['-I'])


@case
def pythonpath_forms(v):
    return scn('PYTHONPATH with relative, empty and .. entries', v, install(v), f'{P}/bin/python3',
               env={'PYTHONPATH': 'rel1::/abs2/../abs3:'}, flags=['-S'])


@case
def pythonpath_E(v):
    return scn('PYTHONPATH ignored under -E', v, install(v), f'{P}/bin/python3',
               env={'PYTHONPATH': '/pp'}, flags=['-E'])


@case
def pythonpath_empty(v):
    return scn('PYTHONPATH empty is unset', v, install(v), f'{P}/bin/python3',
               env={'PYTHONPATH': ''})


@case
def platlibdir_bogus(v):
    return scn('PYTHONPLATLIBDIR=bogus', v, install(v), f'{P}/bin/python3',
               env={'PYTHONPLATLIBDIR': 'bogus'})


@case
def platlibdir_bogus_E(v):
    return scn('PYTHONPLATLIBDIR=bogus with -E', v, install(v), f'{P}/bin/python3',
               env={'PYTHONPLATLIBDIR': 'bogus'}, flags=['-E'])


@case
def pythonexecutable(v):
    f = _venv(v, f'home = {P}/bin\n')
    return scn('PYTHONEXECUTABLE names a venv', v, f, f'{P}/bin/python3',
               env={'PYTHONEXECUTABLE': '/v/bin/python'}, flags=['-I'])


@case
def pyvenv_launcher(v):
    return scn('__PYVENV_LAUNCHER__', v, install(v), f'{P}/bin/python3',
               env={'__PYVENV_LAUNCHER__': '/elsewhere/bin/python'})


@case
def venv_symlinks(v):
    return scn('venv --symlinks', v, _venv(v, f'home = {P}/bin\ninclude-system-site-packages = false\n'),
               '/v/bin/python')


@case
def venv_copies(v):
    return scn('venv --copies', v, _venv(v, f'home = {P}/bin\n', copies=True), '/v/bin/python')


@case
def venv_copies_python3(v):
    return scn('venv --copies run as python3', v, _venv(v, f'home = {P}/bin\n', copies=True),
               '/v/bin/python3')


@case
def venv_home(v):
    return scn('venv with PYTHONHOME', v, _venv(v, f'home = {P}/bin\n'), '/v/bin/python',
               env={'PYTHONHOME': P})


for _n, _cfg in [('cfg_nospace', f'home={P}/bin\n'), ('cfg_upper', f'Home = {P}/bin\n'),
                 ('cfg_no_newline', f'version = 3\nhome = {P}/bin'), ('cfg_two_spaces', f'home =  {P}/bin\n'),
                 ('cfg_crlf', f'home = {P}/bin\r\n'), ('cfg_no_home', 'include-system-site-packages = true\n'),
                 ('cfg_comment_home', f'# home = /nowhere\nhome = {P}/bin\n'),
                 ('cfg_missing_home_dir', 'home = /gone/bin\n'),
                 ('cfg_nul', f'home = {P}/bin\0junk\nhome = /x\n'),
                 ('cfg_no_equals', f'home {P}/bin\nhome = /x/bin\n'),
                 ('cfg_big', 'x' * 40000 + '\n'), ('cfg_just_below_limit', '#' * 32766 + '\n'),
                 ('cfg_at_limit', '#' * 32767 + '\n')]:
    CASES[_n] = (lambda cfg: lambda v: scn('pyvenv.cfg variant', v, _venv(v, cfg, copies=True),
                                           '/v/bin/python'))(_cfg)


@case
def cfg_in_bin(v):
    return scn('pyvenv.cfg only next to the executable', v,
               _venv(v, f'home = {P}/bin\n', copies=True, where='bin'), '/v/bin/python')


@case
def cfg_both(v):
    f = _venv(v, f'home = {P}/bin\n', copies=True)
    f['/v/bin/pyvenv.cfg'] = {'content': 'home = /nonexistent/bin\n'}
    return scn('pyvenv.cfg in bin/ and its parent', v, f, '/v/bin/python')


@case
def cfg_relative_home(v):
    f = _venv(v, 'home = fh/bin\n', copies=True)
    f.update(install(v, root=f'{HOME}/fh'))
    return scn('relative home in pyvenv.cfg', v, f, '/v/bin/python')


@case
def cfg_directory(v):
    f = _venv(v, None, copies=True)
    f['/v/pyvenv.cfg'] = 'dir'
    return scn('pyvenv.cfg is a directory', v, f, '/v/bin/python')


@case
def cfg_unreadable(v):
    f = _venv(v, None, copies=True)
    f['/v/pyvenv.cfg'] = {'content': 'home = /x/bin\n', 'mode': '000'}
    f['/v/bin/pyvenv.cfg'] = {'content': f'home = {P}/bin\n'}
    return scn('unreadable pyvenv.cfg is skipped', v, f, '/v/bin/python')


@case
def cfg_base_exe_missing(v):
    f = _venv(v, '', copies=True)
    f['/v/pyvenv.cfg'] = {'content': f'home = {P}/bin\n'}
    del f[f'{P}/bin/python3']
    return scn('venv base executable names absent in home', v, f, '/v/bin/python')


def _pth(ver, content, where='exe', extra=None):
    f = install(ver)
    f['/t/bin/python3'] = 'exec'
    if where == 'exe':
        f['/t/bin/python3._pth'] = content
    f.update(extra or {})
    return f


@case
def pth_full(v):
    return scn('._pth with comments and imports', v, _pth(v, {'content': (
        f'{P}/lib/python{v}\n{P}/lib/python{v}/lib-dynload\n../mylib  # c\n\n'
        'import site\nimport foo\n')}), '/t/bin/python3', env={'PYTHONPATH': '/ignored'})


@case
def pth_empty(v):
    return scn('empty ._pth', v, _pth(v, {'content': ''}), '/t/bin/python3',
               env={'PYTHONPATH': '/ignored'})


@case
def pth_directory(v):
    return scn('._pth is a directory', v, _pth(v, 'dir'), '/t/bin/python3')


@case
def pth_next_to_target(v):
    f = _pth(v, None, where='none', extra={'/t/bin/python3._pth': {'content': '../lib\n'},
                                            '/L/python3': {'link': '/t/bin/python3'}})
    return scn('._pth next to the symlink target', v, f, '/L/python3')


@case
def pth_with_home(v):
    return scn('._pth beats PYTHONHOME', v, _pth(v, {'content': '.\n'}), '/t/bin/python3',
               env={'PYTHONHOME': '/nonexistent'}, flags=['-S'])


@case
def pth_crlf(v):
    return scn('._pth with CRLF', v, _pth(v, {'content': 'a\r\nimport site\r\n'}), '/t/bin/python3')


@case
def build_pybuilddir(v):
    f = install(v)
    f['/src/python'] = 'exec'
    f['/src/pybuilddir.txt'] = {'content': 'build/lib.linux-x86_64\n'}
    f['/src/Lib/os.py'] = 'file'
    return scn('build tree with pybuilddir.txt', v, f, '/src/python')


@case
def build_pybuilddir_empty(v):
    f = install(v)
    f['/src/python'] = 'exec'
    f['/src/pybuilddir.txt'] = {'content': ''}
    return scn('build tree with an empty pybuilddir.txt', v, f, '/src/python')


@case
def build_setup_local(v):
    f = install(v)
    f['/src/python'] = 'exec'
    f['/src/Modules/Setup.local'] = 'file'
    f['/src/Lib/os.py'] = 'file'
    return scn('build tree with Modules/Setup.local', v, f, '/src/python')


@case
def build_vpath(v):
    f = install(v)
    f['/src/build/python'] = 'exec'
    f['/src/build/pybuilddir.txt'] = {'content': 'build/lib\n'}
    f['/src/Lib/os.py'] = 'file'
    return scn('out-of-tree build with VPATH ..', v, f, '/src/build/python', python={'vpath': '..'})


@case
def embed_home(v):
    f = install(v)
    f['/app/bin/app'] = 'exec'
    f['/app/bin/app._pth'] = {'content': 'x\n'}
    return scn('embedder sets home (beats ._pth)', v, f, '/app/bin/app', embed={'home': P})


@case
def embed_program_name(v):
    f = install(v)
    f['/app/bin/app'] = 'exec'
    return scn('embedder sets program_name', v, f, '/app/bin/app',
               embed={'program_name': f'{P}/bin/python3'})


@case
def embed_search_paths(v):
    return scn('embedder sets module_search_paths', v, install(v), f'{P}/bin/python3',
               embed={'module_search_paths': ['/a', '/b'], 'pythonpath_env': '/pe'})


@case
def embed_pythonpath_env(v):
    return scn('embedder sets pythonpath_env', v, install(v), f'{P}/bin/python3',
               embed={'pythonpath_env': 'rel:/abs', 'use_environment': False})


@case
def embed_executable(v):
    return scn('embedder sets executable', v, install(v), 'ignored',
               embed={'executable': f'{P}/bin/python{v}'})


@case
def free_threaded(v):
    if v != '3.13':
        return None
    return scn('free-threaded build', v, install(v, abi='t'), f'{P}/bin/python3',
               python={'abi_thread': 't'})


@case
def unreadable_dir(v):
    f = install(v)
    f['/t/bin/python3'] = 'exec'
    f[f'/t/lib/python{v}'] = {'type': 'dir', 'mode': '000'}
    return scn('unreadable stdlib dir', v, f, '/t/bin/python3')


def generate(ver):
    """[(case name, scenario dict)] for version ver."""
    out = []
    for name, fn in CASES.items():
        s = fn(ver)
        if s is not None:
            out.append((name, s))
    return out
