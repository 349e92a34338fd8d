#!/usr/bin/env python3
"""Which container object keeps each part of a heap dump alive: an indicative split of an idle connection's memory.

usage: hprof-owners.py HEAP.hprof CONNECTIONS

Reads an HPROF file (jcmd PID GC.heap_dump), follows every object's first referrer upwards until it meets one of the
OWNERS below (or any dev.herald class), and sums sizes by that owner, divided by the number of connections held.
"First referrer" is a heuristic: an object shared by many owners is counted once, under whichever the dump lists
first, so the rows are indicative; the class histogram (histogram-diff.py) gives exact totals. Byte arrays of 64 KiB
and more are Grizzly's per-thread buffer pools and are listed on their own. Needs about 3 GB of memory for a 250 MB
dump."""
import collections
import struct
import sys

OWNERS = [
    'org.glassfish.grizzly.http.HttpServerFilter$ServerHttpRequestImpl',
    'org.glassfish.grizzly.http.HttpResponsePacketImpl',
    'org.glassfish.grizzly.http.server.Request', 'org.glassfish.grizzly.http.server.Response',
    'org.glassfish.grizzly.http.server.io.ServerInputBuffer', 'org.glassfish.grizzly.http.server.io.ServerOutputBuffer',
    'com.sun.enterprise.web.pwc.connector.coyote.PwcCoyoteRequest', 'org.apache.catalina.connector.Response',
    'org.apache.catalina.connector.InputBuffer', 'org.apache.catalina.connector.OutputBuffer',
    'org.glassfish.grizzly.nio.transport.TCPNIOConnection', 'org.glassfish.grizzly.filterchain.FilterChainContext',
    'org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler', 'org.glassfish.tyrus.core.TyrusSession',
    'org.glassfish.tyrus.core.RequestContext', 'org.glassfish.tyrus.core.TyrusUpgradeResponse',
    'org.glassfish.tyrus.core.ProtocolHandler', 'org.jboss.weld.contexts.CreationalContextImpl',
    'org.glassfish.concurro.internal.ManagedScheduledThreadPoolExecutor$ManagedScheduledFutureTask',
]
POOLS = 'byte[] of 64 KiB or more: Grizzly per-thread buffer pools'
ARRAYS = {4: 'boolean[]', 5: 'char[]', 6: 'float[]', 7: 'double[]', 8: 'byte[]', 9: 'short[]', 10: 'int[]', 11: 'long[]'}


def main(path, connections):
    data = open(path, 'rb').read()
    p = data.index(b'\0') + 1
    id_size = struct.unpack('>I', data[p:p + 4])[0]
    p += 12
    ref = (lambda o: struct.unpack_from('>I', data, o)[0]) if id_size == 4 else \
        (lambda o: struct.unpack_from('>Q', data, o)[0])
    size_of = {2: id_size, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
    strings, class_names, supers, fields = {}, {}, {}, {}
    kind, size, first_referrer, instances = {}, {}, {}, []

    def skip_constants_and_statics(q):
        constants = struct.unpack_from('>H', data, q)[0]
        q += 2
        for _ in range(constants):
            q += 3 + size_of[data[q + 2]]
        statics = struct.unpack_from('>H', data, q)[0]
        q += 2
        for _ in range(statics):
            q += id_size + 1 + size_of[data[q + id_size]]
        return q

    def referred(child, parent):
        if child and child not in first_referrer:
            first_referrer[child] = parent

    while p < len(data):
        tag = data[p]
        end = p + 9 + struct.unpack_from('>I', data, p + 5)[0]
        body = p + 9
        if tag == 0x01:
            strings[ref(body)] = data[body + id_size:end].decode('utf-8', 'replace')
        elif tag == 0x02:
            class_names[ref(body + 4)] = strings.get(ref(body + 8 + id_size), '?').replace('/', '.')
        elif tag in (0x0c, 0x1c):
            q = body
            while q < end:
                sub = data[q]
                q += 1
                if sub in (0xff, 0x05, 0x07):
                    q += id_size
                elif sub == 0x01:
                    q += 2 * id_size
                elif sub in (0x02, 0x03, 0x08):
                    q += id_size + 8
                elif sub in (0x04, 0x06):
                    q += id_size + 4
                elif sub == 0x20:  # class dump
                    cid = ref(q)
                    q += id_size + 4
                    supers[cid] = ref(q)
                    q += 6 * id_size + 4  # super, loader, signers, domain, 2 reserved; instance size
                    q = skip_constants_and_statics(q)
                    count = struct.unpack_from('>H', data, q)[0]
                    q += 2
                    own = []
                    for _ in range(count):
                        own.append(data[q + id_size])
                        q += id_size + 1
                    fields[cid] = own
                elif sub == 0x21:  # instance
                    oid = ref(q)
                    q += id_size + 4
                    cid = ref(q)
                    q += id_size
                    length = struct.unpack_from('>I', data, q)[0]
                    q += 4
                    kind[oid], size[oid] = cid, length + 16
                    instances.append((oid, cid, q))
                    q += length
                elif sub == 0x22:  # object array
                    oid = ref(q)
                    q += id_size + 4
                    length = struct.unpack_from('>I', data, q)[0]
                    q += 4 + id_size
                    kind[oid], size[oid] = 'Object[]', 16 + length * 4
                    for i in range(length):
                        referred(ref(q + i * id_size), oid)
                    q += length * id_size
                elif sub == 0x23:  # primitive array
                    oid = ref(q)
                    q += id_size + 4
                    length = struct.unpack_from('>I', data, q)[0]
                    element = data[q + 4]
                    q += 5
                    kind[oid], size[oid] = ARRAYS[element], 16 + length * size_of[element]
                    q += length * size_of[element]
                else:
                    raise SystemExit(f'unknown heap dump record {sub:#x}')
        p = end

    layouts = {}
    for oid, cid, q in instances:
        layout = layouts.get(cid)
        if layout is None:
            layout, c = [], cid
            while c:
                layout.extend(fields.get(c, []))
                c = supers.get(c, 0)
            layouts[cid] = layout
        for field_type in layout:
            if field_type == 2:
                referred(ref(q), oid)
            q += size_of[field_type]

    def name(oid):
        k = kind.get(oid)
        return class_names.get(k, '?') if isinstance(k, int) else k

    owners = set(OWNERS)
    total, objects = collections.Counter(), collections.Counter()
    for oid in kind:
        owner = 'everything else (including what was there before the connections)'
        if kind[oid] == 'byte[]' and size[oid] >= 65536:
            owner = POOLS
        else:
            current = oid
            for _ in range(30):
                current_name = name(current)
                if current_name in owners or current_name.startswith('dev.herald.'):
                    owner = 'dev.herald.*' if current_name.startswith('dev.herald.') else current_name
                    break
                current = first_referrer.get(current)
                if current is None:
                    break
        total[owner] += size[oid]
        objects[owner] += 1
    print(f"{'B/conn':>8} {'objects/conn':>12}  first owner met on the way up")
    for owner, b in total.most_common():
        print(f"{b / connections:8.0f} {objects[owner] / connections:12.1f}  {owner}")


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]))
