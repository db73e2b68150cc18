#!/usr/bin/env python3
"""Writes the Instructions and Programs records of a .gwb table (in that
order, without their counts): the seed of the policy fuzzers, which splice
their input over exactly those records (runtime-stub/fuzz/policy_fuzz.cc).

Usage: ci/policy_seed.py TABLE.gwb OUT"""
import struct
import sys

INSTRUCTIONS, PROGRAMS = 30, 29  # runtime-stub/format/sections.def
RECORDS_HEADER = 64  # format.h RecordsHeader: u32 count, u32 zero[15]

data = open(sys.argv[1], 'rb').read()
table_offset, count = struct.unpack_from('<QI', data, 24)
sections = {}
for i in range(count):
    sid, _flags, offset, size, _sum = struct.unpack_from('<IIQQQ', data, table_offset + 32 * i)
    sections[sid] = data[offset + RECORDS_HEADER:offset + size]
open(sys.argv[2], 'wb').write(sections[INSTRUCTIONS] + sections[PROGRAMS])
