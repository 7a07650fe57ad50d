// Device-tree compatibles read from driver C text and from DTS text (src/analysis/dt-compat.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dtOnlyBinding, dtsFacts, nameOnlyBinding, stringLiterals, systemIncludes } from '../../src/analysis/dt-compat';

const OF_TABLE = 'static const struct of_device_id foo_of_match[] = {\n\t{ .compatible = "acme,foo-r1" },\n\t{ .compatible = "acme," "foo-r2", .data = &r2 },\n\t{ /* sentinel */ }\n};\n';

/** [label, C text, expected compatibles (undefined: not device-tree-only, no narrowing)] */
const C_CASES: [string, string, string[] | undefined][] = [
  ['an of_device_id table alone', OF_TABLE, ['acme,foo-r1', 'acme,foo-r2']],
  ['two tables and MODULE_DEVICE_TABLE(of, ...)', `${OF_TABLE}static const struct of_device_id bar[] = { { .compatible = "acme,bar" }, {} };\nMODULE_DEVICE_TABLE(of, foo_of_match);`, ['acme,foo-r1', 'acme,foo-r2', 'acme,bar']],
  ['a commented-out pci table does not count', `${OF_TABLE}/* struct pci_device_id foo_pci[]; */`, ['acme,foo-r1', 'acme,foo-r2']],
  ['IRQCHIP_DECLARE adds its compatible', `${OF_TABLE}IRQCHIP_DECLARE(foo, "acme,foo-intc", foo_init);`, ['acme,foo-r1', 'acme,foo-r2', 'acme,foo-intc']],
  ['TIMER_OF_DECLARE alone', 'TIMER_OF_DECLARE(foo, "acme,timer", foo_init);', ['acme,timer']],
  ['no table at all', 'static int foo_probe(struct platform_device *pdev) { return 0; }', undefined],
  ['a pci_device_id table too', `${OF_TABLE}static const struct pci_device_id foo_pci[] = { { PCI_DEVICE(0x1234, 0x5678) }, {} };`, undefined],
  ['an acpi_device_id table too (ACPI is a second way, read apart)', `${OF_TABLE}static const struct acpi_device_id foo_acpi[] = { { "ACME0001" }, {} };\nMODULE_DEVICE_TABLE(acpi, foo_acpi);`, ['acme,foo-r1', 'acme,foo-r2']],
  ['an acpi_device_id table and a pci_device_id table', `${OF_TABLE}static const struct acpi_device_id foo_acpi[] = { { "ACME0001" }, {} };\nstatic const struct pci_device_id foo_pci[] = { { PCI_DEVICE(0x1234, 0x5678) }, {} };`, undefined],
  ['a platform_device_id table', `${OF_TABLE}static const struct platform_device_id foo_ids[] = { { "foo" }, {} };`, undefined],
  ['an i2c_device_id table', `${OF_TABLE}static const struct i2c_device_id foo_i2c[] = { { "foo", 0 }, {} };`, undefined],
  ['an amba_id table', `${OF_TABLE}static const struct amba_id foo_ids[] = { { 0x41, 0xff }, {} };`, undefined],
  ['registers a platform device itself', `${OF_TABLE}pdev = platform_device_register_simple("foo", -1, NULL, 0);`, undefined],
  ['__setup', `${OF_TABLE}__setup("foo=", foo_setup);`, undefined],
  ['EARLYCON_DECLARE (by name on the command line)', `${OF_TABLE}EARLYCON_DECLARE(foo, foo_early_setup);`, undefined],
  ['IRQCHIP_ACPI_DECLARE', 'IRQCHIP_DECLARE(foo, "acme,intc", foo_init);\nIRQCHIP_ACPI_DECLARE(foo, ACPI_MADT_TYPE_X, NULL, 0, foo_acpi_init);', undefined],
  ['a compatible given by a macro', 'static const struct of_device_id m[] = { { .compatible = FOO_COMPAT }, {} };', undefined],
  ['a positional entry', 'static const struct of_device_id m[] = { { "", "", "acme,foo" }, {} };', undefined],
  ['a generic compatible (no vendor prefix)', 'static const struct of_device_id m[] = { { .compatible = "mmio-sram" }, {} };', undefined],
  ['FPGA soft IP (device trees generated per design)', 'static const struct of_device_id m[] = { { .compatible = "xlnx,xps-gpio-1.00.a" }, {} };', undefined],
];

for (const [label, text, expected] of C_CASES) {
  test(`dtOnlyBinding: ${label}`, () => {
    assert.deepEqual(dtOnlyBinding(text)?.compatibles, expected);
  });
}

test('dtOnlyBinding: whether the driver may also bind through ACPI (any ACPI use counts)', () => {
  assert.equal(dtOnlyBinding(OF_TABLE)?.acpi, false);
  assert.equal(dtOnlyBinding(`${OF_TABLE}static const struct acpi_device_id foo_acpi[] = { { "ACME0001" }, {} };`)?.acpi, true);
  assert.equal(dtOnlyBinding(`${OF_TABLE}.acpi_match_table = ACPI_PTR(foo_acpi),`)?.acpi, true);
  assert.equal(dtOnlyBinding(`${OF_TABLE}/* no ACPI here */`)?.acpi, false);
});

test('nameOnlyBinding and dtOnlyBinding: an ACPI-only platform driver binds through ACPI, not by name', () => {
  const text = 'static const struct acpi_device_id foo_acpi[] = { { "ACME0001" }, {} };\nstatic struct platform_driver foo_driver = { .driver = { .name = "foo", .acpi_match_table = foo_acpi } };';
  assert.equal(nameOnlyBinding(text), undefined);
  assert.equal(dtOnlyBinding(text), undefined);
});

test('dtOnlyBinding: the platform names it could also be bound by', () => {
  const text = `${OF_TABLE}static struct uart_driver foo_uart = { .name = "ttyS" };\nstatic struct platform_driver foo_driver = { .driver = { .name = "foo-eth", .of_match_table = foo_of_match } };\nMODULE_ALIAS("platform:foo_eth");`;
  assert.deepEqual(dtOnlyBinding(text)?.names, ['foo-eth', 'foo_eth']);
});

/** [label, DTS text, compatibles, includes] */
const DTS_CASES: [string, string, string[], string[]][] = [
  ['one node', '/dts-v1/;\n/ { soc { eth@1000 { compatible = "acme,foo-r1"; reg = <0x1000 0x100>; }; }; };', ['acme,foo-r1'], []],
  ['a list of strings over two lines', 'uart0: serial@0 {\n\tcompatible = "acme,uart-r2",\n\t\t     "acme,uart";\n};', ['acme,uart-r2', 'acme,uart'], []],
  ['comments and other string properties are not compatibles', '/* compatible = "acme,old"; */\n// compatible = "acme,older";\nn { model = "acme,board"; compatible-x = "no"; status = "okay"; };', [], []],
  ['includes (dt-bindings are not device trees)', '#include "acme-soc.dtsi"\n#include "arm/acme-board.dts"\n#include <dt-bindings/gpio/gpio.h>\n/include/ "acme-clks.dtsi"\n', [], ['acme-soc.dtsi', 'arm/acme-board.dts', 'acme-clks.dtsi']],
];

for (const [label, text, compatibles, includes] of DTS_CASES) {
  test(`dtsFacts: ${label}`, () => {
    assert.deepEqual(dtsFacts(text), { compatibles, includes });
  });
}

test('stringLiterals: the strings of C code, comments left out', () => {
  assert.deepEqual(stringLiterals('static struct mfd_cell cells[] = { { .name = "foo-eth" }, /* "bar" */ { .name = "a\\"b" } };'), ['foo-eth', 'a\\"b']);
});

const PDRV = (name: string, extra = '') => `static struct platform_driver foo_driver = {\n\t.probe = foo_probe,\n\t.driver = {\n\t\t.name = ${name},${extra}\n\t},\n};\nmodule_platform_driver(foo_driver);\n`;

/** [label, C text, expected names (undefined: not bound by name only, no narrowing)] */
const NAME_CASES: [string, string, string[] | undefined][] = [
  ['a platform driver bound by its name', PDRV('"rtc-foo"'), ['rtc-foo']],
  ['the name through a #define of the same file, and MODULE_ALIAS', `#define DRV_NAME "foo_fb"\n${PDRV('DRV_NAME')}MODULE_ALIAS("platform:foo-fb");`, ['foo_fb', 'foo-fb']],
  ['a name from a header macro (not spelled out here)', PDRV('FOO_NAME'), undefined],
  ['an of_match_table too', PDRV('"foo"', '\n\t\t.of_match_table = foo_of_match,'), undefined],
  ['an ACPI table too', PDRV('"foo"', '\n\t\t.acpi_match_table = ACPI_PTR(foo_acpi),'), undefined],
  ['an id_table (platform_device_id names)', `${PDRV('"foo"')}static struct platform_driver bar = { .id_table = foo_ids };`, undefined],
  ['registers its own device', `${PDRV('"foo"')}static int __init foo_init(void) { platform_device_register_simple("foo", -1, NULL, 0); return 0; }`, undefined],
  ['not a platform driver', 'static struct pci_driver foo = { .name = "foo" };', undefined],
];

for (const [label, text, expected] of NAME_CASES) {
  test(`nameOnlyBinding: ${label}`, () => {
    assert.deepEqual(nameOnlyBinding(text), expected);
  });
}

test('nameOnlyBinding: a name macro of an included header (its string defines passed in)', () => {
  assert.deepEqual(nameOnlyBinding(PDRV('FOO_NAME'), new Map([['FOO_NAME', '"gpio_foo"']])), ['gpio_foo']);
  assert.deepEqual(nameOnlyBinding(PDRV('FOO_NAME'), new Map([['BAR_NAME', '"gpio_bar"']])), undefined);
});

test('systemIncludes: the <...> includes of C code', () => {
  assert.deepEqual(systemIncludes('#include <linux/io.h>\n#include "local.h"\n/* #include <linux/no.h> */\n# include <linux/platform_data/gpio/foo.h>\n'), ['linux/io.h', 'linux/platform_data/gpio/foo.h']);
});
