/**
 * @fileoverview k_cidr: IPv4 and IPv6 networks, :: compression, embedded and mapped IPv4,
 * partial-byte prefixes, zone suffixes, and strings that are not addresses.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels } from "../../helpers/kernel-harness.js";

const test = suite("kernels: k_cidr");

const h = await loadKernels({ fields: ["ip", "none"] });
const inNet = (ip: string, net: string) => h.load(JSON.stringify({ ip })).cidr("ip", net);

test("IPv4", () => {
  assert.ok(inNet("10.1.2.3", "10.0.0.0/8"));
  assert.not.ok(inNet("11.1.2.3", "10.0.0.0/8"));
  assert.ok(inNet("172.16.0.1", "172.16.0.0/12"));
  assert.ok(inNet("172.31.255.255", "172.16.0.0/12"));
  assert.not.ok(inNet("172.32.0.0", "172.16.0.0/12"));
  assert.ok(inNet("192.168.1.1", "192.168.1.1/32"));
  assert.not.ok(inNet("192.168.1.2", "192.168.1.1/32"));
  assert.ok(inNet("8.8.8.8", "0.0.0.0/0"));
  assert.ok(inNet("255.255.255.255", "255.255.255.254/31"));
  assert.ok(inNet("0.0.0.0", "0.0.0.0/32"));
});

test("IPv6", () => {
  assert.ok(inNet("2001:db8::1", "2001:db8::/32"));
  assert.ok(inNet("2001:DB8:0:0:0:0:0:1", "2001:db8::/32"));
  assert.not.ok(inNet("2001:db9::1", "2001:db8::/32"));
  assert.ok(inNet("::1", "::1/128"));
  assert.ok(inNet("::", "::/128"));
  assert.ok(inNet("fe80::1", "fe80::/10"));
  assert.ok(inNet("febf::1", "fe80::/10"));
  assert.not.ok(inNet("fec0::1", "fe80::/10"));
  assert.ok(inNet("fe80::1%eth0", "fe80::/10"), "a zone is ignored");
  assert.ok(inNet("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128"));
  assert.ok(inNet("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8/128"));
  assert.ok(inNet("1::8", "1:0:0:0:0:0:0:8/128"));
  assert.ok(inNet("64:ff9b::192.0.2.33", "64:ff9b::c000:221/128"), "embedded IPv4");
  assert.ok(inNet("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304/128"));
  assert.not.ok(inNet("10.1.2.3", "::/0"), "an IPv4 address is not in an IPv6 network");
});

test("IPv4 networks match IPv4-mapped IPv6 addresses", () => {
  assert.ok(inNet("::ffff:10.1.2.3", "10.0.0.0/8"));
  assert.ok(inNet("::FFFF:0a01:0203", "10.0.0.0/8"));
  assert.not.ok(inNet("::ffff:11.1.2.3", "10.0.0.0/8"));
  assert.not.ok(inNet("::10.1.2.3", "10.0.0.0/8"), "IPv4-compatible is not mapped");
  assert.not.ok(inNet("2001::ffff:10.1.2.3", "10.0.0.0/8"));
});

test("strings that are not addresses never match", () => {
  const bad = [
    "", "10.0.0", "10.0.0.256", "01.2.3.4", "1.2.3.4.5", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "1.2.3.-4",
    "a.b.c.d", "1000.1.1.1", "::1::", "1:2:3:4:5:6:7:8:9", "gggg::", "12345::", ":1", "1:", "1:::2",
    "1:2:3:4:5:6:7:8::", "::ffff:1.2.3", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "localhost", "%",
  ];
  for (const ip of bad) {
    assert.not.ok(inNet(ip, "0.0.0.0/0"), ip);
    assert.not.ok(inNet(ip, "::/0"), ip);
  }
});

test("MISSING, NULL, numbers and arrays", () => {
  assert.not.ok(h.load('{"ip":null}').cidr("ip", "0.0.0.0/0"));
  assert.not.ok(h.cidr("none", "0.0.0.0/0"));
  assert.not.ok(h.load('{"ip":10}').cidr("ip", "0.0.0.0/0"));
  h.load('{"ip":["x","192.168.0.9",7]}');
  assert.ok(h.cidr("ip", "192.168.0.0/16"));
  assert.not.ok(h.cidr("ip", "10.0.0.0/8"));
});

test.run();
