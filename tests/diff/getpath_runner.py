"""Inner half of the getpath oracle: runs INSIDE a CPython 3.11+ interpreter.

Reads one JSON request on stdin (built by getpath_oracle.py from a scenario),
executes that interpreter's own frozen getpath code object
(_testinternalcapi.get_getpath_codeobject()) over a namespace whose helper
functions answer from a virtual filesystem, and writes one JSON answer on
stdout:

  {"config": {...after the run...}, "warnings": [...],
   "calls": [{"op": "isfile", "path": "...", "result": true}, ...],
   "error": null | {"type": "MemoryError", "message": "..."}}

The helpers mimic the C helpers of Modules/getpath.c (3.11-3.13), not
os.path: joinpath adds a separator only after a directory part longer than
one character (so joinpath('.', 'lib') == '.lib'), normalises with the C
normpath (which can return ''), abspath normalises first and then prefixes
the cwd without normalising again, realpath follows only the final
component's symlink chain (relative targets joined to the link's directory,
ELOOP after 40 hops), readlines refuses files of 32 KiB or more with
MemoryError, reads a directory as [] and stops at a NUL byte.

With "flavour": "nt" in the request the helpers are those of the Windows
build of Modules/getpath.c instead (see NTHelpers): '\\' separators with
'/' accepted where Windows accepts it, drive letters and \\\\server\\share
roots, case-insensitive names, isxfile = exists and ends in .exe,
realpath = GetFinalPathNameByHandleW (every component resolved, OSError for
a missing file, the input returned when the result only differs in case),
readlines of a directory = PermissionError, and a winreg stand-in built
from the scenario's registry: block (MockWinreg).

Standard library only: this file runs under whichever interpreter is tested.
"""
import errno
import json
import sys

MAX_FILE = 32 * 1024
MAX_LINKS = 40


# ---------------------------------------------------------------------------
# Path string helpers, POSIX flavour of the C helpers
# ---------------------------------------------------------------------------

def c_normpath(path):
    """The C _Py_normpath on POSIX: may return '' (os.path.normpath gives '.')."""
    if not path:
        return ''
    out = []            # output characters
    i = 0
    n = len(path)
    last = ''           # last character written (or the virtual SEP after './')
    floor = 0           # output index below which '..' cannot climb
    if path[0] == '.' and n > 1 and path[1] == '/':
        # a leading './' (and any slashes after it) vanishes
        i = 2
        while i < n and path[i] == '/':
            i += 1
        last = '/'
    elif n > 1 and path[0] == '/' and path[1] == '/' and (n == 2 or path[2] != '/'):
        # exactly two leading slashes are kept (POSIX leaves '//' implementation-defined)
        out = ['/', '/']
        i = 2
        floor = 1
        last = '/'
    while i < n:
        c = path[i]
        if last == '/':
            if c == '.':
                end1 = i + 1 >= n or path[i + 1] == '/'
                end2 = (not end1) and (i + 2 >= n or path[i + 2] == '/')
                if end2 and path[i + 1] == '.':
                    # '..': drop the previous segment if there is one to drop
                    # k: back over trailing separators onto the previous
                    # segment's last character, then to that segment's start
                    k = len(out)
                    while k != floor:
                        k -= 1
                        if out[k] != '/':
                            break
                    while k != floor and out[k - 1] != '/':
                        k -= 1
                    if len(out) == floor or out[k:k + 3] == ['.', '.', '/']:
                        out.append('.')
                        out.append('.')
                        last = '.'
                    elif out[k] == '/':
                        del out[k + 1:]
                    else:
                        del out[k:]
                    i += 1
                elif end1:
                    pass
                else:
                    out.append(c)
                    last = c
            elif c == '/':
                pass
            else:
                out.append(c)
                last = c
        else:
            out.append(c)
            last = c
        i += 1
    if len(out) != floor:
        while len(out) - 1 != floor and out[-1] == '/':
            out.pop()
    return ''.join(out)


def _join_rel(dirname, rel):
    """C join_relfile: a separator only after a dirname longer than one char."""
    if not dirname:
        return rel
    if len(dirname) > 1 and dirname[-1] != '/':
        return dirname + '/' + rel
    return dirname + rel


def h_joinpath(*parts):
    first = 0
    for i, p in enumerate(parts):
        if p is not None and not isinstance(p, str):
            raise TypeError("all arguments to joinpath() must be str or None")
        if p and p[0] == '/':
            first = i
    final = ''
    for i, p in enumerate(parts):
        if p is None or i < first:
            continue
        final = p if not final else _join_rel(final, p)
    return c_normpath(final)


def h_dirname(path):
    pos = path.rfind('/')
    return path[:pos] if pos >= 0 else ''


def h_basename(path):
    return path[path.rfind('/') + 1:]


def h_isabs(path):
    return path[:1] == '/'


def h_hassuffix(path, suffix):
    return len(suffix) <= len(path) and path.endswith(suffix)


# ---------------------------------------------------------------------------
# The virtual filesystem
# ---------------------------------------------------------------------------

class VFS:
    """Nodes keyed by absolute, normalised path.  Node: dict(type=file|dir|link,
    mode=int, content=bytes, target=str).  Parents are implicit directories.
    Permissions are checked against the owner bits: the modelled user owns
    every file and is not root."""

    def __init__(self, files, cwd):
        self.nodes = {'/': {'type': 'dir', 'mode': 0o755}}
        self.cwd = cwd or '/'
        for path, node in sorted(files.items()):
            self._add(path, node)

    def _add(self, path, node):
        parts = [p for p in path.split('/') if p]
        cur = ''
        for p in parts[:-1]:
            cur += '/' + p
            have = self.nodes.get(cur)
            if have is None:
                self.nodes[cur] = {'type': 'dir', 'mode': 0o755}
            elif have['type'] != 'dir':
                raise ValueError(f'{path}: parent {cur} is a {have["type"]}')
        key = '/' + '/'.join(parts)
        if key in self.nodes and key != '/':
            have = self.nodes[key]
            if not (have['type'] == 'dir' and node['type'] == 'dir'):
                raise ValueError(f'{path}: clashes with an existing {have["type"]}')
        self.nodes[key] = node

    def _walk(self, path, follow_final):
        """Resolves path like the kernel.  Returns (errno or 0, node, physpath)."""
        if not path:
            return errno.ENOENT, None, None
        if path[0] != '/':
            path = self.cwd.rstrip('/') + '/' + path
        todo = [p for p in path.split('/') if p]
        # trailing slash: the final component must be a directory, followed
        must_dir = path.endswith('/')
        cur = []            # physical components of the current directory
        hops = 0
        while todo:
            name = todo.pop(0)
            last = not todo
            parent = self.nodes['/' + '/'.join(cur)] if cur else self.nodes['/']
            if parent['type'] != 'dir':
                return errno.ENOTDIR, None, None
            if not parent['mode'] & 0o100:
                return errno.EACCES, None, None
            if name == '.':
                if last:
                    return 0, parent, '/' + '/'.join(cur)
                continue
            if name == '..':
                if cur:
                    cur.pop()
                if last:
                    return 0, self.nodes['/' + '/'.join(cur)] if cur else self.nodes['/'], '/' + '/'.join(cur)
                continue
            key = '/' + '/'.join(cur + [name])
            node = self.nodes.get(key)
            if node is None:
                return errno.ENOENT, None, None
            if node['type'] == 'link' and (not last or follow_final or must_dir):
                hops += 1
                if hops > MAX_LINKS:
                    return errno.ELOOP, None, None
                target = node['target']
                if target.startswith('/'):
                    cur = []
                todo = [p for p in target.split('/') if p] + todo
                if not todo:        # link to '/'
                    return 0, self.nodes['/'], '/'
                continue
            if last:
                if must_dir and node['type'] != 'dir':
                    return errno.ENOTDIR, None, None
                return 0, node, key
            cur.append(name)
        return 0, self.nodes['/'] if not cur else self.nodes['/' + '/'.join(cur)], '/' + '/'.join(cur)

    def stat(self, path):
        err, node, _ = self._walk(path, True)
        return node if not err else None

    def readlink(self, path):
        """Returns (errno, target)."""
        if path.endswith('/'):
            return errno.EINVAL, None
        err, node, _ = self._walk(path, False)
        if err:
            return err, None
        if node['type'] != 'link':
            return errno.EINVAL, None
        return 0, node['target']

    def read(self, path):
        """fopen(path, 'rb') + fread: returns bytes or raises OSError."""
        err, node, _ = self._walk(path, True)
        if err:
            raise OSError(err, __import__('os').strerror(err), path)
        if not node['mode'] & 0o400:
            raise OSError(errno.EACCES, 'Permission denied', path)
        if node['type'] == 'dir':
            return b''          # fopen succeeds, fread fails with EISDIR
        return node.get('content', b'')


# ---------------------------------------------------------------------------
# Logged helpers bound to a VFS
# ---------------------------------------------------------------------------

class Helpers:
    def __init__(self, vfs, cwd):
        self.vfs = vfs
        self.cwd = cwd
        self.calls = []
        self.warnings = []

    def _log(self, op, path, result):
        self.calls.append({'op': op, 'path': path, 'result': result})

    def isfile(self, path):
        node = self.vfs.stat(path)
        r = bool(node) and node['type'] == 'file'
        self._log('isfile', path, r)
        return r

    def isdir(self, path):
        node = self.vfs.stat(path)
        r = bool(node) and node['type'] == 'dir'
        self._log('isdir', path, r)
        return r

    def isxfile(self, path):
        node = self.vfs.stat(path)
        r = bool(node) and node['type'] == 'file' and bool(node['mode'] & 0o111)
        self._log('isxfile', path, r)
        return r

    def abspath(self, path):
        p = c_normpath(path)
        if p == '' or p == '.':
            r = self.cwd
        elif p[0] == '/':
            r = p
        else:
            r = self.cwd + '/' + p
        return r

    def realpath(self, path):
        cur = path
        nlink = 0
        while True:
            err, target = self.vfs.readlink(cur)
            if err:
                self._log('realpath', path, cur)
                return cur
            if target.startswith('/'):
                cur = target
            else:
                pos = cur.rfind('/')
                base = cur[:pos] if pos >= 0 else cur
                cur = c_normpath(_join_rel(base, target))
            nlink += 1
            if nlink >= MAX_LINKS:
                self._log('realpath', path, 'OSError')
                raise OSError('maximum number of symbolic links reached')

    def readlines(self, path):
        try:
            data = self.vfs.read(path)
        except OSError as e:
            name = errno.errorcode.get(e.errno, 'EIO')
            self._log('readlines', path, name)
            if e.errno == errno.ENOENT:
                raise FileNotFoundError(e.errno, e.strerror, path) from None
            if e.errno == errno.EACCES:
                raise PermissionError(e.errno, e.strerror, path) from None
            if e.errno == errno.ENOTDIR:
                raise NotADirectoryError(e.errno, e.strerror, path) from None
            raise
        data = data[:MAX_FILE]
        if len(data) >= MAX_FILE:
            self._log('readlines', path, 'MemoryError')
            raise MemoryError('cannot read file larger than 32KB during initialization')
        text = data.decode('utf-8', 'surrogateescape')
        nul = text.find('\0')
        if nul >= 0:
            text = text[:nul]
        lines = []
        start = 0
        while True:
            nl = text.find('\n', start)
            if nl < 0:
                break
            lines.append(text[start:nl].rstrip('\r\n'))
            start = nl + 1
        if start < len(text):
            lines.append(text[start:])
        self._log('readlines', path, f'{len(lines)} lines')
        return lines

    def warn(self, message):
        self.warnings.append(message)


# ---------------------------------------------------------------------------
# Windows flavour
# ---------------------------------------------------------------------------

def nt_normpath(path):
    """_Py_normpath_and_size with MS_WINDOWS: ALTSEP '/' becomes '\\', a
    drive and a \\\\-prefixed root (through its first segment) are kept."""
    if not path:
        return ''
    SEP = '\\'
    n = len(path)

    def is_sep(i):
        return i < n and path[i] in '\\/'

    def sep_or_end(i):
        return i >= n or path[i] in '\\/'

    out = []
    i = 0
    minp = 0
    last = ''
    if path[0] == '.' and is_sep(1):
        i = 2
        while is_sep(i):
            i += 1
        last = SEP
    elif n > 1 and path[1] == ':':
        out = [path[0], path[1]]
        i = 2
        minp = 2
        last = ':'
    elif is_sep(0) and is_sep(1):
        out = [SEP, SEP]
        i = 2
        count = 2
        while i < n and count:
            if is_sep(i):
                count -= 1
                out.append(SEP)
                last = SEP
            else:
                out.append(path[i])
                last = path[i]
            i += 1
        minp = len(out) - 1
    while i < n:
        c = path[i]
        if c == '/':
            c = SEP
        if last == SEP:
            if c == '.':
                sep1 = sep_or_end(i + 1)
                sep2 = (not sep1) and sep_or_end(i + 2)
                if sep2 and path[i + 1] == '.':
                    k = len(out)
                    while k != minp:
                        k -= 1
                        if out[k] != SEP:
                            break
                    while k != minp and out[k - 1] != SEP:
                        k -= 1
                    if len(out) == minp or (out[k:k + 2] == ['.', '.'] and k + 2 < len(out)
                                            and out[k + 2] == SEP):
                        out += ['.', '.']
                        last = '.'
                    elif out[k] == SEP:
                        del out[k + 1:]
                    else:
                        del out[k:]
                    i += 1
                elif sep1:
                    pass
                else:
                    out.append(c)
                    last = c
            elif c == SEP:
                pass
            else:
                out.append(c)
                last = c
        else:
            out.append(c)
            last = c
        i += 1
    if len(out) != minp:
        while len(out) - 1 != minp and out and out[-1] == SEP:
            out.pop()
    return ''.join(out)


def nt_isabs(path):
    """_Py_isabs on Windows: 'C:\\x' and '\\\\server\\share' are absolute."""
    if len(path) >= 2 and path[1] == ':':
        return len(path) >= 3 and path[2] in '\\/'
    return len(path) >= 3 and path[0] in '\\/' and path[1] in '\\/' and path[2] not in '\\/'


def nt_drive(path):
    return path[:2] if len(path) >= 2 and path[1] == ':' else ''


def nt_combine(a, b):
    """PathCchCombineEx(a, b) as far as getpath needs it: a root-relative b
    goes to a's drive, else one separator between."""
    if not a:
        return b
    if b[:1] in ('\\', '/'):
        return nt_drive(a) + b
    if a[-1] in '\\/':
        return a + b
    return a + '\\' + b


def nt_joinpath(*parts):
    first = 0
    for i, p in enumerate(parts):
        if p is not None and not isinstance(p, str):
            raise TypeError("all arguments to joinpath() must be str or None")
        if p and nt_isabs(p):
            first = i
    final = ''
    for i, p in enumerate(parts):
        if p is None or i < first:
            continue
        final = p if not final else nt_combine(final, p)
    return nt_normpath(final)


def nt_fullpath(cwd, path):
    """GetFullPathNameW of a relative path against cwd, normalised."""
    if nt_isabs(path):
        return nt_normpath(path)
    if path[:1] in ('\\', '/') and path[1:2] not in ('\\', '/'):
        return nt_normpath(nt_drive(cwd) + path)
    if len(path) >= 2 and path[1] == ':':
        if nt_drive(cwd).lower() == path[:2].lower():
            return nt_normpath(cwd + '\\' + path[2:])
        return nt_normpath(path[:2] + '\\' + path[2:])
    return nt_normpath(cwd + '\\' + path)


class NTVFS:
    """A Windows tree: case-insensitive names, '\\' or '/' separators, drive
    letters or \\\\server\\share volumes; symlinks followed in every
    component (63 hops at most)."""

    def __init__(self, files, cwd):
        self.nodes = {}     # casefolded full path -> node
        self.cwd = cwd
        for path, node in sorted(files.items(), key=lambda kv: kv[0].lower()):
            self._add(path, node)

    @staticmethod
    def split(path):
        """(root, [components]) of an absolute normalised path."""
        p = nt_normpath(path)
        if len(p) >= 2 and p[1] == ':':
            root, rest = p[:2].upper(), p[3:]
        elif p.startswith('\\\\'):
            segs = p[2:].split('\\')
            root, rest = '\\\\' + '\\'.join(segs[:2]), '\\'.join(segs[2:])
        else:
            raise ValueError(f'{path}: not an absolute Windows path')
        return root, [c for c in rest.split('\\') if c]

    @staticmethod
    def key(root, comps):
        return '\\'.join([root.lower()] + [c.lower() for c in comps])

    def _add(self, path, node):
        root, comps = self.split(path)
        self.nodes.setdefault(self.key(root, []), {'type': 'dir', 'mode': 0o755})
        for i in range(1, len(comps)):
            k = self.key(root, comps[:i])
            have = self.nodes.get(k)
            if have is None:
                self.nodes[k] = {'type': 'dir', 'mode': 0o755}
            elif have['type'] != 'dir':
                raise ValueError(f'{path}: parent is a {have["type"]}')
        k = self.key(root, comps)
        if k in self.nodes and not (self.nodes[k]['type'] == 'dir' and node['type'] == 'dir'):
            raise ValueError(f'{path}: clashes with an existing {self.nodes[k]["type"]}')
        self.nodes[k] = node

    def resolve(self, path, follow_final=True):
        """Returns (errno, node, resolved path)."""
        if not path:
            return errno.ENOENT, None, None
        full = nt_fullpath(self.cwd, path)
        hops = 0
        while True:
            try:
                root, comps = self.split(full)
            except ValueError:
                return errno.ENOENT, None, None
            if self.key(root, []) not in self.nodes:
                return errno.ENOENT, None, None
            cur = []
            restart = None
            for i, name in enumerate(comps):
                last = i == len(comps) - 1
                node = self.nodes.get(self.key(root, cur + [name]))
                if node is None:
                    return errno.ENOENT, None, None
                if node['type'] == 'link' and (not last or follow_final):
                    hops += 1
                    if hops > 63:
                        return errno.ELOOP, None, None
                    t = node['target']
                    here = root + '\\' + '\\'.join(cur) if cur else root + '\\'
                    base = t if nt_isabs(t) else nt_combine(here, t)
                    restart = nt_joinpath(base, '\\'.join(comps[i + 1:]) or None)
                    break
                if not last and node['type'] != 'dir':
                    return errno.ENOTDIR, None, None
                cur.append(name)
            if restart is None:
                resolved = root + '\\' + '\\'.join(cur) if cur else root + '\\'
                return 0, self.nodes[self.key(root, cur)], resolved
            full = restart


def _ntvfs_read(self, path):
    """fopen + fread for Helpers.readlines (directories are refused earlier)."""
    err, node, _ = self.resolve(path)
    if err:
        raise OSError(err, 'error', path)
    return node.get('content', b'')


NTVFS.read = _ntvfs_read


class NTHelpers(Helpers):
    def isfile(self, path):
        err, node, _ = self.vfs.resolve(path)
        r = not err and node['type'] != 'dir'
        self._log('isfile', path, r)
        return r

    def isdir(self, path):
        err, node, _ = self.vfs.resolve(path)
        r = not err and node['type'] == 'dir'
        self._log('isdir', path, r)
        return r

    def isxfile(self, path):
        err, node, _ = self.vfs.resolve(path)
        r = (not err and node['type'] != 'dir' and len(path) >= 4
             and path[-4:].lower() == '.exe')
        self._log('isxfile', path, r)
        return r

    def abspath(self, path):
        p = nt_normpath(path)
        if p == '' or p == '.':
            return self.cwd
        if nt_isabs(p):
            return p
        return nt_fullpath(self.cwd, p)

    def realpath(self, path):
        err, node, resolved = self.vfs.resolve(path)
        if err:
            self._log('realpath', path, 'OSError')
            raise OSError(err, 'cannot resolve', path)
        r = path if resolved.lower() == path.lower() else resolved
        self._log('realpath', path, r)
        return r

    def readlines(self, path):
        err, node, _ = self.vfs.resolve(path)
        if not err and node['type'] == 'dir':
            self._log('readlines', path, 'EACCES')
            raise PermissionError(errno.EACCES, 'Permission denied', path)
        if err:
            self._log('readlines', path, errno.errorcode.get(err, 'EIO'))
            if err == errno.ENOENT:
                raise FileNotFoundError(err, 'No such file', path)
            raise OSError(err, 'error', path)
        return Helpers.readlines(self, path)


def nt_dirname(path):
    pos = path.rfind('\\')
    return path[:pos] if pos >= 0 else ''


def nt_basename(path):
    return path[path.rfind('\\') + 1:]


def nt_hassuffix(path, suffix):
    return len(suffix) <= len(path) and path[len(path) - len(suffix):].lower() == suffix.lower()


class MockWinreg:
    """winreg over the scenario's registry: block.  Keys are case-insensitive;
    a key exists when it or a key below it is listed; subkeys enumerate in
    sorted order; the default value of a key listed without one (it exists
    only because of keys below it) reads as ''."""
    HKEY_CURRENT_USER = 'HKCU'
    HKEY_LOCAL_MACHINE = 'HKLM'
    HIVES = {'hkcu': 'hkcu', 'hkey_current_user': 'hkcu',
             'hklm': 'hklm', 'hkey_local_machine': 'hklm'}

    def __init__(self, values):
        self.values = {}
        for k, v in values.items():
            hive, _, rest = k.partition('\\')
            hive = self.HIVES.get(hive.lower())
            if hive:
                self.values[(hive + '\\' + rest).lower().rstrip('\\')] = v

    def _exists(self, key):
        return any(k == key or k.startswith(key + '\\') for k in self.values)

    def OpenKeyEx(self, hk, sub):
        key = (hk + '\\' + sub).lower()
        if not self._exists(key):
            raise FileNotFoundError(2, 'The system cannot find the file specified')
        return key

    def CloseKey(self, key):
        pass

    def EnumKey(self, key, i):
        names = {}
        for k in self.values:
            if k.startswith(key + '\\'):
                name = k[len(key) + 1:].split('\\')[0]
                names.setdefault(name.lower(), name)
        subs = sorted(names.values(), key=str.lower)
        if i >= len(subs):
            raise OSError(259, 'No more data is available')
        return subs[i]

    def QueryValue(self, key, sub):
        k = key + '\\' + sub.lower() if sub else key
        if not self._exists(k):
            raise FileNotFoundError(2, 'The system cannot find the file specified')
        return self.values.get(k, '') or ''


def main():
    req = json.load(sys.stdin)
    files = {}
    for path, node in req['files'].items():
        node = dict(node)
        if 'content' in node:
            node['content'] = node['content'].encode('utf-8', 'surrogateescape')
        files[path] = node
    out = {'config': None, 'warnings': [], 'calls': [], 'error': None}
    nt = req.get('flavour') == 'nt'
    try:
        vfs = NTVFS(files, req['cwd']) if nt else VFS(files, req['cwd'])
    except ValueError as e:
        out['error'] = {'type': 'ScenarioError', 'message': str(e)}
        json.dump(out, sys.stdout)
        return
    if nt:
        helpers = NTHelpers(vfs, req['cwd'])
    else:
        helpers = Helpers(vfs, req['cwd'])
    import _testinternalcapi
    code = _testinternalcapi.get_getpath_codeobject()
    ns = dict(req['ns'])
    ns['config'] = dict(req['config'])
    for name in ('abspath', 'basename', 'dirname', 'hassuffix', 'isabs', 'isdir',
                 'isfile', 'isxfile', 'joinpath', 'readlines', 'realpath', 'warn'):
        ns[name] = getattr(helpers, name, None) or globals()['h_' + name]
    if nt:
        ns.update(basename=nt_basename, dirname=nt_dirname, hassuffix=nt_hassuffix,
                  isabs=nt_isabs, joinpath=nt_joinpath)
        ns['winreg'] = MockWinreg(req.get('registry') or {})
    ns['__builtins__'] = __builtins__
    try:
        exec(code, ns)
    except BaseException as e:  # noqa: the real interpreter reports any exception as fatal
        out['error'] = {'type': type(e).__name__, 'message': str(e)}
    cfg = ns['config']
    out['config'] = {k: v for k, v in cfg.items()
                     if v is None or isinstance(v, (str, int, bool, list))}
    out['warnings'] = helpers.warnings
    out['calls'] = helpers.calls
    out['version'] = '%d.%d.%d' % sys.version_info[:3]
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
