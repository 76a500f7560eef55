#!/usr/bin/env python3
"""rawhttp.py -- raw-socket clients for tests/cli/test_serve.sh, for what
curl cannot do: send bytes verbatim, hold idle connections, trickle a
request head. Every loop is bounded in count and time; loopback only.

  rawhttp.py send HOST:PORT FILE        send FILE's bytes, print the reply
  rawhttp.py upto-close HOST:PORT FILE  send FILE's bytes, print all that
                                        comes back until the server closes
  rawhttp.py seq HOST:PORT FILE...      on one connection, send each FILE
                                        once the reply to the one before
                                        came whole; print the replies
  rawhttp.py bytes HOST:PORT FILE GAP   send FILE a byte per GAP s, print
                                        the reply
  rawhttp.py idle HOST:PORT N           hold N idle connections, then GET
                                        /api/health on a new one; print its
                                        status
  rawhttp.py cap HOST:PORT N            open N connections, send a GET on
                                        the last; print the reply
  rawhttp.py trickle HOST:PORT GAP MAX  send a head one byte per GAP s; print
                                        "408 after S s" when answered, and
                                        "others 200" when GETs made meanwhile
                                        all got 200
"""
import socket
import sys
import time


def addr(s):
    host, port = s.rstrip('/').rsplit(':', 1)
    assert host.startswith('127.'), 'loopback only'
    return host, int(port)


def recv_all(s, limit=1 << 20, timeout=5.0):
    s.settimeout(timeout)
    out = b''
    end = time.time() + timeout
    while len(out) < limit and time.time() < end:
        try:
            d = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not d:
            break
        out += d
        if b'\r\n\r\n' in out:
            head, _, body = out.partition(b'\r\n\r\n')
            for line in head.split(b'\r\n'):
                if line.lower().startswith(b'content-length:'):
                    if len(body) >= int(line.split(b':')[1]):
                        return out
    return out


def get_status(a):
    s = socket.create_connection(a, timeout=5)
    s.sendall(b'GET /api/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')
    r = recv_all(s)
    s.close()
    parts = r.split(b' ', 2)
    return parts[1].decode() if len(parts) > 1 else 'none'


def main():
    cmd, a = sys.argv[1], addr(sys.argv[2])
    if cmd == 'send':
        s = socket.create_connection(a, timeout=5)
        try:
            s.sendall(open(sys.argv[3], 'rb').read())
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole head went: its reply is read
        print(recv_all(s).decode('utf-8', 'replace'))
    elif cmd == 'upto-close':
        s = socket.create_connection(a, timeout=5)
        s.sendall(open(sys.argv[3], 'rb').read())
        out, end = b'', time.time() + 5
        while time.time() < end:
            try:
                d = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not d:
                break
            out += d
        print(out.decode('utf-8', 'replace'))
    elif cmd == 'seq':
        s = socket.create_connection(a, timeout=5)
        for f in sys.argv[3:13]:
            try:
                s.sendall(open(f, 'rb').read())
            except (BrokenPipeError, ConnectionResetError):
                print('closed before %s' % f)
                break
            print(recv_all(s).decode('utf-8', 'replace'))
    elif cmd == 'bytes':
        s = socket.create_connection(a, timeout=5)
        gap = float(sys.argv[4])
        for b in open(sys.argv[3], 'rb').read()[:200]:
            try:
                s.send(bytes([b]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(gap)
        print(recv_all(s).decode('utf-8', 'replace'))
    elif cmd == 'idle':
        held = [socket.create_connection(a, timeout=5) for _ in range(int(sys.argv[3]))]
        # time for the server to take in the held ones first (a sanitizer
        # build on a busy machine is slow to)
        time.sleep(1.5)
        print(get_status(a))
        for s in held:
            s.close()
    elif cmd == 'cap':
        held = [socket.create_connection(a, timeout=5) for _ in range(int(sys.argv[3]))]
        time.sleep(0.3)
        # Which of the held connections the server counts past the cap
        # depends on which of its threads took each in first: ask on every
        # one, and print every answer.
        for s in held:
            try:
                s.sendall(b'GET /api/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')
            except OSError:
                pass
        for s in held:
            try:
                print(recv_all(s).decode('utf-8', 'replace'))
            except OSError as e:
                print('error: %s' % e)
            s.close()
    elif cmd == 'trickle':
        gap, limit = float(sys.argv[3]), float(sys.argv[4])
        s = socket.create_connection(a, timeout=5)
        s.setblocking(False)
        head = b'GET /api/health HTTP/1.1\r\nHost: t\r\nX-Slow: ' + b'a' * 1000
        t0 = time.time()
        others = set()
        i = 0
        while time.time() - t0 < limit and i < len(head):
            try:
                s.send(head[i:i + 1])
                i += 1
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                pass
            try:
                d = s.recv(4096)
                if d:
                    print('%s after %d s' % (d.split(b' ')[1].decode(), round(time.time() - t0)))
                else:
                    print('closed after %d s' % round(time.time() - t0))
                break
            except BlockingIOError:
                pass
            except ConnectionResetError:
                print('reset after %d s' % round(time.time() - t0))
                break
            if i % 5 == 0:
                others.add(get_status(a))
            time.sleep(gap)
        print('others ' + ','.join(sorted(others)))
    else:
        sys.exit('unknown command ' + cmd)


if __name__ == '__main__':
    main()
