import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAll, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { readEuFsfXml } from './eu-fsf-xml';
import { readOfacAdvancedXml } from './ofac-advanced-xml';
import { readOfacCsv } from './ofac-csv';
import { readOfacSdnXml } from './ofac-sdn-xml';
import { readOpenSanctionsFtm } from './opensanctions-ftm';
import { readUkSanctionsListXml } from './uk-sanctions-list-xml';
import { readUnScXml } from './un-sc-xml';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const text = (name: string) => readFile(fixture(name), 'utf8');
const stream = (content: string | Buffer, name: string) => ({ stream: Readable.from([content]), name });

/** Reads to the end and returns the refusal; fails the test if the file was accepted. */
async function refusal(read: EntryStream): Promise<ListReadError> {
  try {
    await readAll(read);
  } catch (error) {
    expect(error).toBeInstanceOf(ListReadError);
    return error as ListReadError;
  }
  throw new Error('the file was accepted');
}

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>1</uid><lastName>&lol9;</lastName></sdnEntry></sdnList>`;

const EXTERNAL = `<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-11-03"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

describe('refused XML', () => {
  it('refuses a truncated file, naming the file and the line it stopped at, after yielding nothing it would keep', async () => {
    const full = await text('ofac-sdn-v1.xml');
    const cut = full.slice(0, full.indexOf('<uid>90003</uid>') + 5);
    const error = await refusal(readOfacSdnXml(stream(cut, 'sdn-truncated.xml')));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/^sdn-truncated\.xml, line 128: the XML is not well formed \(unclosed tag/);
  });

  it('refuses mismatched tags with the line and the problem', async () => {
    const broken = (await text('un-sc-v1.xml')).replace('<THIRD_NAME>ONE</THIRD_NAME>', '<THIRD_NAME>ONE</SECOND_NAME>');
    const error = await refusal(readUnScXml(stream(broken, 'consolidated.xml')));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/^consolidated\.xml, line 11: the XML is not well formed \(unexpected close tag\.\)$/);
  });

  it('refuses an entity-expansion bomb at its DOCTYPE, without expanding anything', async () => {
    const error = await refusal(readOfacSdnXml(stream(BOMB, 'lolz.xml')));
    expect(error.code).toBe('doctype');
    expect(error.message).toMatch(/^lolz\.xml, line 7: the file declares a DOCTYPE/);
  });

  it('refuses an external entity at its DOCTYPE, never reading the file it names', async () => {
    const error = await refusal(readUnScXml(stream(EXTERNAL, 'xxe.xml')));
    expect(error.code).toBe('doctype');
    expect(error.message).not.toMatch(/root:/);
  });

  it('refuses an entity reference with no DOCTYPE (nothing to expand it from)', async () => {
    const error = await refusal(readUkSanctionsListXml(stream('<Designations><DateGenerated>&today;</DateGenerated></Designations>', 'uk.xml')));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/undefined entity/);
  });

  it('refuses a file of another list at its root element, saying what it is', async () => {
    const error = await refusal(readOfacSdnXml(fixture('un-sc-v1.xml')));
    expect(error.code).toBe('wrong-format');
    expect(error.message).toBe(
      `${fixture('un-sc-v1.xml')}, line 4: this is not an OFAC SDN list XML (sdn.xml) (root <sdnList>): its root element <CONSOLIDATED_LIST> is that of an UN Security Council consolidated list XML`,
    );
    const eu = await refusal(readEuFsfXml(fixture('uk-sanctions-list-v1.xml')));
    expect(eu.code).toBe('wrong-format');
    expect(eu.message).toMatch(/its root element <Designations> is that of an UK Sanctions List XML \(FCDO\)/);
    const classic = await refusal(readOfacAdvancedXml(fixture('ofac-sdn-v1.xml')));
    expect(classic.message).toMatch(/this is not an OFAC SDN advanced XML \(SDN_ADVANCED\.XML\) \(root <Sanctions>\): its root element <sdnList> in namespace http:\/\/tempuri\.org\/sdnList\.xsd is that of an OFAC SDN list XML/);
    // The EU root without the EU namespace is not the EU format.
    const noNamespace = await refusal(readEuFsfXml(stream('<export generationDate="2026-11-03"><sanctionEntity logicalId="1"/></export>', 'export.xml')));
    expect(noNamespace.message).toMatch(/its root element is <export>/);
  });

  it('refuses a record with no key and a Record_Count that does not match', async () => {
    const noUid = (await text('ofac-sdn-v1.xml')).replace('<uid>90002</uid>', '');
    const missing = await refusal(readOfacSdnXml(stream(noUid, 'sdn.xml')));
    expect(missing.code).toBe('bad-record');
    expect(missing.message).toBe('sdn.xml, line 80, element <sdnEntry>: an <sdnEntry> has no <uid>');
    const miscounted = (await text('ofac-sdn-v1.xml')).replace('<Record_Count>4</Record_Count>', '<Record_Count>5</Record_Count>');
    const count = await refusal(readOfacSdnXml(stream(miscounted, 'sdn.xml')));
    expect(count.code).toBe('count-mismatch');
    expect(count.message).toBe('sdn.xml: the file states 5 records (Record_Count) but holds 4');
  });

  it('refuses a key listed twice', async () => {
    const twice = (await text('uk-sanctions-list-v1.xml')).replace('<UniqueID>AQD0903</UniqueID>', '<UniqueID>SYR0901</UniqueID>');
    const error = await refusal(readUkSanctionsListXml(stream(twice, 'UK-Sanctions-List.xml')));
    expect(error.code).toBe('duplicate-key');
    expect(error.message).toBe('UK-Sanctions-List.xml, line 97: the entry key "SYR0901" appears twice (first at line 6)');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>J'), Buffer.from([0xe9]), Buffer.from('R</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>')]);
    const error = await refusal(readUnScXml(stream(latin1, 'latin1.xml')));
    expect(error.code).toBe('encoding');
    expect(error.message).toBe('latin1.xml: the file is not valid UTF-8 text');
  });
});

describe('size limit', () => {
  it('refuses a file over the limit from its size, before reading it', async () => {
    const error = await refusal(readOfacSdnXml(fixture('ofac-sdn-v1.xml'), { maxBytes: 1000 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/ofac-sdn-v1\.xml: the file is 0\.0 MB, larger than the 0\.0 MB a list file may be$/);
  });

  it('stops reading a stream the moment it passes the limit', async () => {
    let pulled = 0;
    async function* endless() {
      yield '<CONSOLIDATED_LIST dateGenerated="2026-11-03"><INDIVIDUALS>';
      for (;;) {
        pulled += 1;
        yield `<INDIVIDUAL><DATAID>${pulled}</DATAID><FIRST_NAME>TEST ${pulled}</FIRST_NAME></INDIVIDUAL>`;
      }
    }
    const error = await refusal(readUnScXml({ stream: Readable.from(endless()), name: 'endless.xml' }, { maxBytes: 64 * 1024 }));
    expect(error.code).toBe('too-large');
    expect(pulled).toBeLessThan(2000);
  });

  it('checks each file of the OFAC CSV set', async () => {
    const error = await refusal(
      readOfacCsv({ sdn: fixture('ofac-sdn-v1.csv'), add: fixture('ofac-add-v1.csv'), alt: fixture('ofac-alt-v1.csv') }, { maxBytes: 300 }),
    );
    expect(error.code).toBe('too-large');
    expect(error.file).toBe(fixture('ofac-sdn-v1.csv'));
  });
});

describe('refused CSV and NDJSON', () => {
  const set = { add: fixture('ofac-add-v1.csv'), alt: fixture('ofac-alt-v1.csv') };

  it('refuses an sdn.csv that is another file of the set, or not CSV', async () => {
    const swapped = await refusal(readOfacCsv({ ...set, sdn: fixture('ofac-alt-v1.csv') }));
    expect(swapped.code).toBe('wrong-format');
    expect(swapped.message).toBe(`${fixture('ofac-alt-v1.csv')}, line 1: this is not OFAC sdn.csv (12 columns, no header): it looks like OFAC alt.csv`);
    const xml = await refusal(readOfacCsv({ ...set, sdn: fixture('un-sc-v1.xml') }));
    expect(xml.message).toMatch(/it looks like UN Security Council consolidated list XML$/);
  });

  it('refuses a row with the wrong number of cells and an unclosed quote, with the line', async () => {
    const rows = (await text('ofac-sdn-v1.csv')).split('\r\n');
    rows[2] = rows[2]!.replace(',-0- ,"DOB circa 1965."', '');
    const short = await refusal(readOfacCsv({ ...set, sdn: stream(rows.join('\r\n'), 'sdn.csv') }));
    expect(short.message).toBe('sdn.csv, line 3: the row has 10 cells; OFAC sdn.csv rows have 12');
    const quote = (await text('ofac-sdn-v1.csv')).replace('"DOB circa 1965."', '"DOB circa 1965.');
    const unclosed = await refusal(readOfacCsv({ ...set, sdn: stream(quote, 'sdn.csv') }));
    expect(unclosed.code).toBe('malformed');
    expect(unclosed.message).toBe('sdn.csv, line 5: the CSV cannot be read: a quoted cell is not closed where a cell ends (a " is missing or not doubled, here or on a line above)');
  });

  it('refuses an NDJSON line that is not JSON, naming the line', async () => {
    const lines = (await text('opensanctions-v1.ftm.json')).split('\n');
    lines[5] = lines[5]!.slice(0, 40);
    const error = await refusal(readOpenSanctionsFtm(stream(lines.join('\n'), 'entities.ftm.json')));
    expect(error.code).toBe('bad-line');
    expect(error.message).toBe('entities.ftm.json, line 6: the line is not JSON');
    // From a path, too: the first of the two passes finds it.
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'ftm-'));
    await writeFile(join(dir, 'entities.ftm.json'), lines.join('\n'));
    const fromPath = await refusal(readOpenSanctionsFtm(join(dir, 'entities.ftm.json')));
    expect(fromPath.message).toBe(`${join(dir, 'entities.ftm.json')}, line 6: the line is not JSON`);
  });

  it('refuses JSON lines that are not FollowTheMoney entities, and a file of another format', async () => {
    const notEntity = await refusal(readOpenSanctionsFtm(stream('{"id":"x","schema":"Person","properties":{}}\n[1,2,3]\n', 'e.json')));
    expect(notEntity.message).toBe('e.json, line 2: the line is not a FollowTheMoney entity (it needs a string id and schema and a properties object)');
    const xml = await refusal(readOpenSanctionsFtm(fixture('eu-fsf-v1.xml')));
    expect(xml.code).toBe('wrong-format');
    expect(xml.message).toMatch(/it looks like EU Financial Sanctions Files full list XML/);
  });

  it('yields entries before a later failure, so callers must only keep a list that read to the end', async () => {
    const broken = (await text('ofac-sdn-v1.xml')).replace('<uid>90004</uid>', '<uid>90004</uid></sdnList>');
    // In small chunks, as a file arrives: records completed before the break are yielded.
    const chunks = broken.match(/[\s\S]{1,64}/g)!;
    const reader = readOfacSdnXml({ stream: Readable.from(chunks), name: 'sdn.xml' });
    const seen: string[] = [];
    await expect(
      (async () => {
        for (;;) {
          const next = await reader.next();
          if (next.done) return;
          seen.push(next.value.key);
        }
      })(),
    ).rejects.toThrow(ListReadError);
    expect(seen).toEqual(['90001', '90002', '90003']);
    await expect(readAll(readOfacSdnXml(stream(broken, 'sdn.xml')))).rejects.toThrow(/sdn\.xml, line \d+: the XML is not well formed/);
  });
});
