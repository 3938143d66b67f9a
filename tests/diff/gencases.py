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


# ---------------------------------------------------------------------------
# Windows (os_name 'nt'): the same frozen code with the Windows helpers
# ---------------------------------------------------------------------------

NT_HOME = 'C:\\Users\\me'
NT_ENV = {'PATH': 'C:\\Windows\\system32;C:\\Windows', 'APPDATA': NT_HOME + '\\AppData\\Roaming'}


def nt_install(ver, root='C:\\Python', dll=True, dlls=True, stdlib=True):
    """An installer layout: python.exe, python3XY.dll, Lib, DLLs."""
    xy = ver.replace('.', '')
    f = {root + '\\python.exe': 'exec'}
    if dll:
        f[f'{root}\\python{xy}.dll'] = 'file'
    if stdlib:
        f[root + '\\Lib\\os.py'] = 'file'
        f[root + '\\Lib\\encodings\\__init__.py'] = 'file'
    if dlls:
        f[root + '\\DLLs'] = 'dir'
    return f


def nt_scn(name, ver, files, argv0, exe, cwd=NT_HOME, env=None, flags=None, python=None,
           registry=None, library='C:\\Python'):
    py = {'version': ver}
    if library:
        py['library'] = f'{library}\\python{ver.replace(".", "")}.dll'
    py.update(python or {})
    e = dict(NT_ENV)
    for k, v in (env or {}).items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    inv = {'argv0': argv0, 'cwd': cwd, 'run': {'command': 'pass'}, 'env': e}
    if exe is not None:
        inv['executable'] = exe
    s = {'name': name, 'platform': 'nt', 'python': py, 'invocation': inv, 'files': files}
    if flags:
        inv['flags'] = list(flags)
    if registry:
        s['registry'] = registry
    return s


NT_EXE = 'C:\\Python\\python.exe'


@case
def nt_normal(v):
    return nt_scn('nt: installer layout', v, nt_install(v), NT_EXE, NT_EXE)


@case
def nt_bare_argv0(v):
    return nt_scn('nt: argv0 "python", the OS knows the module path', v, nt_install(v),
                  'python', NT_EXE)


@case
def nt_no_executable_input(v):
    return nt_scn('nt: no invocation.executable (argv0 made absolute)', v, nt_install(v),
                  'python', None, cwd='C:\\Python')


@case
def nt_no_dll(v):
    return nt_scn('nt: static build, no DLL: the zip is looked for next to the exe', v,
                  nt_install(v, dll=False), NT_EXE, NT_EXE, library=None)


@case
def nt_no_dlls_dir(v):
    return nt_scn('nt: no DLLs directory (gh-98790)', v, nt_install(v, dlls=False), NT_EXE, NT_EXE)


@case
def nt_zip_next_to_dll(v):
    f = nt_install(v)
    f[f'C:\\Python\\python{v.replace(".", "")}.zip'] = 'file'
    return nt_scn('nt: pythonXY.zip next to the DLL', v, f, NT_EXE, NT_EXE)


@case
def nt_zip_next_to_exe_only(v):
    f = nt_install(v, dll=False)
    f['C:\\App\\python.exe'] = 'exec'
    f['C:\\App\\Lib\\os.py'] = 'file'
    f[f'C:\\App\\python{v.replace(".", "")}.zip'] = 'file'
    return nt_scn('nt: zip next to the exe, stdlib beside it', v, f, 'C:\\App\\python.exe',
                  'C:\\App\\python.exe', library=None)


@case
def nt_buildtree(v):
    f = {'C:\\CPython\\PCbuild\\amd64\\python.exe': 'exec',
         'C:\\CPython\\PCbuild\\amd64\\pybuilddir.txt': 'file',
         'C:\\CPython\\Lib\\os.py': 'file'}
    exe = 'C:\\CPython\\PCbuild\\amd64\\python.exe'
    return nt_scn('nt: PCbuild tree (empty pybuilddir.txt)', v, f, exe, exe, library=None)


@case
def nt_buildtree_setup_local(v):
    f = {'C:\\CPython\\PCbuild\\amd64\\python.exe': 'exec',
         'C:\\CPython\\Modules\\Setup.local': 'file',
         'C:\\CPython\\Lib\\os.py': 'file'}
    exe = 'C:\\CPython\\PCbuild\\amd64\\python.exe'
    return nt_scn('nt: source tree marker VPATH\\Modules\\Setup.local', v, f, exe, exe,
                  library=None)


@case
def nt_buildtree_pythonhome(v):
    f = {'C:\\Out\\python.exe': 'exec', 'C:\\Out\\pybuilddir.txt': 'file',
         'C:\\CPython\\Lib\\os.py': 'file'}
    return nt_scn('nt: build output moved out, PYTHONHOME', v, f, 'C:\\Out\\python.exe',
                  'C:\\Out\\python.exe', env={'PYTHONHOME': 'C:\\CPython'}, library=None)


@case
def nt_venv_launcher(v):
    f = nt_install(v)
    f['C:\\venv\\Scripts\\python.exe'] = 'exec'
    f['C:\\venv\\pyvenv.cfg'] = {'content': 'home = C:\\Python\r\ninclude-system-site-packages = false\r\n'}
    f['C:\\venv\\Lib\\site-packages'] = 'dir'
    return nt_scn('nt: venv through the launcher (__PYVENV_LAUNCHER__)', v, f, NT_EXE, NT_EXE,
                  env={'__PYVENV_LAUNCHER__': 'C:\\venv\\Scripts\\python.exe'})


@case
def nt_venv_copied_exe(v):
    f = nt_install(v)
    f['C:\\venv\\Scripts\\python.exe'] = 'exec'
    f['C:\\venv\\pyvenv.cfg'] = {'content': 'home = C:\\Python\n'}
    exe = 'C:\\venv\\Scripts\\python.exe'
    return nt_scn('nt: a copied python.exe in a venv (no launcher)', v, f, exe, exe)


@case
def nt_registry(v):
    key = f'HKLM\\Software\\Python\\PythonCore\\{v}\\PythonPath'
    return nt_scn('nt: registry application paths', v, nt_install(v), NT_EXE, NT_EXE,
                  registry={key: 'C:\\Python\\Lib;C:\\Python\\DLLs',
                            key + '\\MyApp': 'C:\\MyApp\\lib;C:\\MyApp\\ext',
                            key + '\\Another': 'C:\\Another',
                            f'HKCU\\Software\\Python\\PythonCore\\{v}\\PythonPath\\Mine': 'C:\\Mine'})


@case
def nt_registry_E(v):
    s = nt_registry(v)
    s['name'] = 'nt: registry skipped under -E'
    s['invocation']['flags'] = ['-E']
    return s


@case
def nt_registry_core_path(v):
    key = f'HKLM\\Software\\Python\\PythonCore\\{v}\\PythonPath'
    f = {'C:\\Tools\\python.exe': 'exec'}
    return nt_scn('nt: nothing found, the registry core path is used', v, f,
                  'C:\\Tools\\python.exe', 'C:\\Tools\\python.exe', library=None,
                  registry={key: 'C:\\Python\\Lib;C:\\Python\\DLLs', key + '\\App': 'C:\\App'})


@case
def nt_registry_winver(v):
    key = f'HKLM\\Software\\Python\\PythonCore\\{v}-32\\PythonPath'
    return nt_scn('nt: 32-bit winver key', v, nt_install(v), NT_EXE, NT_EXE,
                  python={'winver': f'{v}-32'},
                  registry={key + '\\App': 'C:\\App32',
                            f'HKLM\\Software\\Python\\PythonCore\\{v}\\PythonPath\\App': 'C:\\Other'})


@case
def nt_pth_dll_wins(v):
    xy = v.replace('.', '')
    f = nt_install(v)
    f[f'C:\\Python\\python{xy}._pth'] = {'content': f'python{xy}.zip\n.\nLib\nimport site\n'}
    f['C:\\Python\\python._pth'] = {'content': 'C:\\elsewhere\n'}
    return nt_scn('nt: python3XY._pth next to the DLL wins over python._pth', v, f, NT_EXE, NT_EXE)


@case
def nt_pth_exe_only(v):
    f = nt_install(v)
    f['C:\\Python\\python._pth'] = {'content': 'Lib\n# comment\nDLLs\nimport foo\n'}
    return nt_scn('nt: python._pth next to the exe', v, f, NT_EXE, NT_EXE,
                  env={'PYTHONPATH': 'C:\\ignored'})


@case
def nt_pth_directory(v):
    f = nt_install(v)
    xy = v.replace('.', '')
    f[f'C:\\Python\\python{xy}._pth'] = 'dir'
    f['C:\\Python\\python._pth'] = {'content': 'Lib\n'}
    return nt_scn('nt: a directory named like the DLL ._pth cannot be opened', v, f, NT_EXE, NT_EXE)


@case
def nt_pythonhome(v):
    f = nt_install(v)
    f['D:\\Home\\Lib\\os.py'] = 'file'
    return nt_scn('nt: PYTHONHOME', v, f, NT_EXE, NT_EXE, env={'PYTHONHOME': 'D:\\Home'})


@case
def nt_pythonhome_delim(v):
    return nt_scn('nt: PYTHONHOME prefix;exec_prefix', v, nt_install(v), NT_EXE, NT_EXE,
                  env={'PYTHONHOME': 'C:\\Python;D:\\Ext'})


@case
def nt_pythonpath(v):
    return nt_scn('nt: PYTHONPATH split on ;', v, nt_install(v), NT_EXE, NT_EXE,
                  env={'PYTHONPATH': 'rel;;C:\\abs\\..\\abs2;D:x;\\rooted'})


@case
def nt_nothing_found(v):
    return nt_scn('nt: nothing found: prefix is the cwd', v, {'C:\\Tools\\python.exe': 'exec'},
                  'C:\\Tools\\python.exe', 'C:\\Tools\\python.exe', library=None)


@case
def nt_case_insensitive(v):
    f = {'C:\\Python\\PYTHON.EXE': 'exec', 'C:\\Python\\LIB\\OS.PY': 'file',
         'C:\\Python\\dlls': 'dir'}
    return nt_scn('nt: names differ in case', v, f, 'c:\\python\\python.exe',
                  'c:\\python\\python.exe', library=None)


@case
def nt_symlink(v):
    f = nt_install(v)
    f['C:\\LinkedFrom\\python.exe'] = {'link': 'C:\\Python\\python.exe'}
    return nt_scn('nt: symlinked python.exe', v, f, 'C:\\LinkedFrom\\python.exe',
                  'C:\\LinkedFrom\\python.exe', library=None)


@case
def nt_dir_symlink(v):
    f = nt_install(v)
    f['C:\\Alias'] = {'link': 'C:\\Python'}
    return nt_scn('nt: directory symlink (realpath resolves it on Windows)', v, f,
                  'C:\\Alias\\python.exe', 'C:\\Alias\\python.exe', library=None)


@case
def nt_pyvenv_cfg_directory(v):
    f = nt_install(v)
    f['C:\\pyvenv.cfg'] = 'dir'
    f['C:\\Python\\pyvenv.cfg'] = {'content': 'home = C:\\Elsewhere\n'}
    return nt_scn('nt: a directory pyvenv.cfg is skipped (PermissionError)', v, f, NT_EXE, NT_EXE)


@case
def nt_platlibdir_env(v):
    f = nt_install(v)
    f['C:\\Python\\Ext'] = 'dir'
    return nt_scn('nt: PYTHONPLATLIBDIR', v, f, NT_EXE, NT_EXE, env={'PYTHONPLATLIBDIR': 'Ext'})


@case
def nt_pythonexecutable(v):
    return nt_scn('nt: PYTHONEXECUTABLE', v, nt_install(v), NT_EXE, NT_EXE,
                  env={'PYTHONEXECUTABLE': 'C:\\Fake\\python.exe'})


# ---------------------------------------------------------------------------
# macOS (os_name 'darwin')
# ---------------------------------------------------------------------------

def fw_root(ver, name='Python'):
    return f'/Library/Frameworks/{name}.framework/Versions/{ver}'


def fw_install(ver, name='Python'):
    F = fw_root(ver, name)
    return {f'{F}/{name}': 'file',
            f'{F}/bin/python{ver}': 'exec',
            f'{F}/bin/python3': {'link': f'python{ver}'},
            f'{F}/Resources/Python.app/Contents/MacOS/{name}': 'exec',
            f'{F}/lib/python{ver}/os.py': 'file',
            f'{F}/lib/python{ver}/encodings/__init__.py': 'file',
            f'{F}/lib/python{ver}/lib-dynload': 'dir'}


def mac_scn(name, ver, files, argv0, exe, env=None, framework=False, fwname='Python',
            prefix=P, flags=None):
    s = scn(name, ver, files, argv0, env=env, flags=flags, python={'prefix': prefix})
    s['platform'] = 'darwin'
    s['invocation']['env']['HOME'] = '/Users/me'
    s['invocation']['cwd'] = '/Users/me'
    if exe is not None:
        s['invocation']['executable'] = exe
    if framework:
        s['python']['framework'] = True
        s['python']['library'] = f'{fw_root(ver, fwname)}/{fwname}'
    return s


@case
def darwin_plain_bare(v):
    return mac_scn('darwin: bare argv0, the OS path wins over PATH', v, install(v), 'python3',
                   f'{P}/bin/python{v}', env={'PATH': '/opt/bin:/usr/bin'})


@case
def darwin_argv0_overrides(v):
    f = install(v)
    f['/t/bin/python3'] = 'exec'
    return mac_scn('darwin: argv0 with a slash overrides the OS path', v, f, '/t/bin/python3',
                   f'{P}/bin/python{v}')


@case
def darwin_relative_os_path(v):
    return mac_scn('darwin: a relative OS path is dropped (PATH search)', v, install(v),
                   'python3', 'bin/python3', env={'PATH': f'{P}/bin'})


@case
def darwin_framework_stub(v):
    F = fw_root(v)
    return mac_scn('darwin: framework stub execs the app bundle', v, fw_install(v),
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   env={'__PYVENV_LAUNCHER__': f'{F}/bin/python{v}'}, framework=True, prefix=F)


@case
def darwin_framework_no_launcher(v):
    F = fw_root(v)
    return mac_scn('darwin: framework app bundle run directly', v, fw_install(v),
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   f'{F}/Resources/Python.app/Contents/MacOS/Python', framework=True, prefix=F)


@case
def darwin_framework_alt_name(v):
    F = fw_root(v, 'DebugPython')
    return mac_scn('darwin: framework named DebugPython', v, fw_install(v, 'DebugPython'),
                   f'{F}/Resources/Python.app/Contents/MacOS/DebugPython',
                   f'{F}/Resources/Python.app/Contents/MacOS/DebugPython',
                   env={'__PYVENV_LAUNCHER__': f'{F}/bin/python{v}'}, framework=True,
                   fwname='DebugPython', prefix=F)


@case
def darwin_framework_venv(v):
    F = fw_root(v)
    f = fw_install(v)
    f['/Users/me/venv/bin/python'] = {'link': f'{F}/bin/python{v}'}
    f['/Users/me/venv/pyvenv.cfg'] = {'content': f'home = {F}/bin\n'}
    f[f'/Users/me/venv/lib/python{v}/site-packages'] = 'dir'
    return mac_scn('darwin: venv on a framework build', v, f,
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   env={'__PYVENV_LAUNCHER__': '/Users/me/venv/bin/python'}, framework=True,
                   prefix=F)


@case
def darwin_framework_pth(v):
    F = fw_root(v)
    f = fw_install(v)
    f[f'{F}/Python._pth'] = {'content': f'lib/python{v}\nlib/python{v}/lib-dynload\n'}
    return mac_scn('darwin: ._pth named after the framework library', v, f,
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   f'{F}/Resources/Python.app/Contents/MacOS/Python',
                   env={'__PYVENV_LAUNCHER__': f'{F}/bin/python{v}'}, framework=True, prefix=F)


@case
def darwin_framework_build_dir(v):
    F = '/src/cpython/Python.framework/Versions/' + v
    f = {f'{F}/Python': 'file', '/src/cpython/python.exe': 'exec',
         '/src/cpython/pybuilddir.txt': {'content': f'build/lib.macosx-{v}\n'},
         '/src/cpython/Lib/os.py': 'file'}
    s = mac_scn('darwin: framework build run from the build directory', v, f,
                '/src/cpython/python.exe', '/src/cpython/python.exe', framework=True)
    s['python']['library'] = f'{F}/Python'
    return s


@case
def darwin_venv_launcher(v):
    f = install(v)
    f['/Users/me/v/python'] = 'exec'
    f['/Users/me/v/pyvenv.cfg'] = {'content': f'home = {P}/bin\n'}
    return mac_scn('darwin: __PYVENV_LAUNCHER__ on a non-framework build', v, f,
                   f'{P}/bin/python{v}', f'{P}/bin/python{v}',
                   env={'__PYVENV_LAUNCHER__': '/Users/me/v/python'})


@case
def darwin_symlink_normal(v):
    f = install(v)
    f['/linkfrom/python'] = {'link': f'{P}/bin/python{v}'}
    return mac_scn('darwin: bare argv0, OS path is a symlink', v, f, 'python',
                   '/linkfrom/python', env={'PATH': f'/linkfrom:{P}/bin'})


@case
def darwin_symlink_buildpath(v):
    f = install(v)
    f['/linkfrom/python'] = {'link': '/home/cpython/python'}
    f['/home/cpython/python'] = 'exec'
    f['/home/cpython/pybuilddir.txt'] = {'content': f'build/lib.macos-{v}\n'}
    f['/home/cpython/Lib/os.py'] = 'file'
    return mac_scn('darwin: symlink into a build tree', v, f, 'python', '/linkfrom/python',
                   env={'PATH': f'/linkfrom:{P}/bin'})


@case
def darwin_pythonexecutable(v):
    return mac_scn('darwin: PYTHONEXECUTABLE', v, install(v), f'{P}/bin/python3',
                   f'{P}/bin/python{v}', env={'PYTHONEXECUTABLE': '/Users/me/fake/python'})


def generate(ver):
    """[(case name, scenario dict)] for version ver."""
    out = []
    for name, fn in CASES.items():
        s = fn(ver)
        if s is not None:
            out.append((name, s))
    return out
