// The render stage on the seed, without a browser: the 绩效 and 附件 tables from the template's
// layouts (资金 rows, merged 一级/二级 cells, 权重, right-aligned figures), a layout naming a figure
// the report lacks, a fixed table printed on its side (the Shanghai 三公 shape), the 项目 row and
// 行次/栏次 as the template says, outline levels from heading numbers, typography, word breaking.
import { describe, expect, it } from 'vitest';
import { compile, SEED_REPORT } from './helpers/report.js';
import { renderDocument } from '../src/render/document.js';
import { renderTable } from '../src/render/tables.js';
import { renderLayout } from '../src/render/layout.js';
import { outlineLevels } from '../src/render/headings.js';
import { typeset, wordGroups } from '../src/render/typography.js';
import type { TableData } from '../src/data/tables.js';
import type { Context } from '../src/narrate/context.js';
import { loadFonts } from '../src/print/fonts.js';

const vfile = compile(SEED_REPORT);
const report = vfile.data.report!;
const narration = vfile.data.narration!;
const rendered = renderDocument(vfile, report, narration, { fontStyles: '' });
const html = rendered.html;

/** The HTML of one section of the document, by an attribute of it. */
function section(attr: string): string {
  const at = html.indexOf(attr, html.indexOf('<main>'));
  expect(at, attr).toBeGreaterThan(0);
  const start = html.lastIndexOf('<section', at);
  return html.slice(start, html.indexOf('</section>', at) + '</section>'.length);
}

const cellText = (cellHtml: string) => cellHtml.replace(/<[^>]+>/gu, '');

/** The rows of a table as arrays of [text, attributes]. */
function rows(tableHtml: string): { text: string; attrs: string }[][] {
  return [...tableHtml.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gu)].map((r) => [...r[1]!.matchAll(/<t([hd])([^>]*)>([\s\S]*?)<\/t[hd]>/gu)].map((c) => ({ text: cellText(c[3]!), attrs: c[2]! })));
}

describe('the 绩效 and 附件 tables from the template layouts', () => {
  it('prints the 项目绩效自评导出表 in its official layout', () => {
    const table = section('data-layout="项目绩效自评导出表"');
    expect(table).toContain('项目绩效自评导出表');
    const r = rows(table);
    const labels = r.map((row) => row.map((c) => c.text));
    const fund = (label: string) => labels.find((row) => row.includes(label));
    expect(fund('年度资金总额')).toEqual(['年度资金总额', '36', '36', '34', '10', '94.44', '7']);
    expect(fund('其中：当年财政拨款')).toEqual(['其中：当年财政拨款', '36', '36', '34', '—', '94.44', '—']);
    expect(fund('上年结转资金')).toEqual(['上年结转资金', '0', '0', '0', '—', '', '—']);
    expect(fund('其他资金')).toEqual(['其他资金', '0', '0', '0', '—', '', '—']);
    expect(labels.some((row) => row[0] === '年度总体目标')).toBe(true);
    // 成本 under 产出指标, as the export prints it: the 产出指标 cell spans its 7 indicators.
    const output = r.flat().find((c) => c.text === '产出指标')!;
    expect(output.attrs).toContain('rowspan="7"');
    const cost = labels.find((row) => row.includes('成本'))!;
    expect(cost).toContain('赣服通5.0版九江市县分厅建设经费');
    expect(cost).toContain('34万元');
    // Figures align right; the total is Σ 分值 (with the 执行率 row's 10) and the 总分.
    const score = r.flat().find((c) => c.text === '17.22')!;
    expect(score.attrs).toContain('class="num"');
    expect(labels.find((row) => row[0] === '总分')).toEqual(['总分', '100', '93.81', '']);
  });

  it('prints the 部门整体支出绩效自评表 with its 权重 column', () => {
    const table = section('data-layout="部门整体支出绩效自评表"');
    const r = rows(table);
    const header = r.find((row) => row.some((c) => c.text === '权重'))!.map((c) => c.text);
    expect(header).toEqual(['一级指标', '权重', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    const weights = r.filter((row) => row[0]?.attrs.includes('group') && row[1]?.attrs.includes('num')).map((row) => `${row[0]!.text} ${row[1]!.text}`);
    expect(weights).toEqual(['产出指标 40', '效益指标 40', '满意度指标 10']);
    expect(r.find((row) => row[0]?.text === '年度资金总额')!.map((c) => c.text)).toEqual(['年度资金总额', '562.50', '292.90', '10', '52.07', '0']);
    expect(table).toContain('说明1. 各部门可根据附件3');
    expect(table).toContain('二〇二四年四月十九日');
  });

  it('prints each 项目支出绩效自评表 where its block stands, with merged 一级/二级 cells', () => {
    const tables = html.split('<section class="layout-table" data-layout="项目支出绩效自评表"').length - 1;
    expect(tables).toBe(report.byKind.get('项目绩效')!.length);
    const first = rows(section('data-layout="项目支出绩效自评表"'));
    expect(first.flat().find((c) => c.text === '经济成本指标')!.attrs).toContain('rowspan="4"');
    expect(first.find((row) => row[0]?.text === '总分')!.map((c) => c.text)).toEqual(['总分', '100', '94.49', '']);
  });

  it('prints the 项目产出情况 table of each 部门评价 with the 产出 and 成本 indicators only', () => {
    const labels = rows(section('data-layout="部门评价产出表"')).map((row) => row.map((c) => c.text));
    expect(labels[0]).toEqual(['二级指标', '三级指标', '年度指标值', '实际完成值', '备注']);
    expect(labels.slice(1).map((row) => row.find((t) => /指标$/u.test(t))).filter(Boolean)).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
    expect(labels.flat()).not.toContain('群众使用便利满意度');
  });

  it('reports a layout that names a figure the report does not have', () => {
    const layout = { id: '试验', columns: [1, 1], rows: [[{ head: '项目名称' }, { value: '资金.不存在的数' }]] };
    const problems: string[] = [];
    const block = (narration.context['项目绩效'] as Context)['信息系统通信、运维费'] as Context;
    renderLayout(layout, { scope: { block, root: narration.context, manifest: report.template.manifest }, renderText: (t) => t, problem: (m) => problems.push(m) });
    expect(problems).toEqual(['找不到数据「资金.不存在的数」']);
  });

  it('prints no 绩效 title, row label or width from code: they are the template layouts', () => {
    expect([...report.template.layouts.keys()].sort()).toEqual(['单位', '部门整体支出绩效自评表', '部门评价产出表', '项目支出绩效自评表', '项目绩效自评导出表'].sort());
  });
});

describe('the 公开 tables as the template prints them', () => {
  const table = (id: string): TableData => report.tables.get(id)!;
  const ctx = { department: report.frontMatter.department, year: report.frontMatter.year, print: report.template.manifest.print!.tables! };

  it('prints the 项目 row, the code columns and 栏次 for Jiangxi, and neither 行次 nor 栏次 when the template has none', () => {
    const jiangxi = renderTable(table('公开02'), ctx);
    const head = rows(jiangxi.slice(jiangxi.indexOf('<thead'), jiangxi.indexOf('</thead>')));
    expect(head[0]![0]).toMatchObject({ text: '项目' });
    expect(head[0]![0]!.attrs).toContain('colspan="4"');
    expect(head[2]!.slice(0, 4).map((c) => c.text)).toEqual(['类', '款', '项', '栏次']);
    expect(jiangxi).toContain('公开02表');
    const t02 = table('公开02');
    const sdef = { ...t02.def.sections[0]!, codeColumns: 1 as const, headerGroup: '项目' };
    const shanghai = { ...t02.def, showRowNumbers: false, sections: [sdef] };
    const s02 = [...t02.sections.values()][0]!;
    const plain = renderTable({ def: shanghai, sections: new Map([[s02.def.key, { ...s02, def: sdef }]]) }, ctx);
    expect(plain).not.toContain('栏次');
    expect(plain).not.toContain('>类<');
    expect(plain).toContain('<td class="code">2010504</td>');
    const ledger = renderTable({ ...table('公开01'), def: { ...table('公开01').def, showRowNumbers: false } }, ctx);
    expect(ledger).not.toContain('行次');
  });

  it('prints a fixed table on its side: one row of 预算数/决算数 pairs under grouped headers (the Shanghai 三公 shape)', () => {
    const sangong = table('公开09');
    const keep = ['三公经费支出', '因公出国(境)费', '公务用车购置及运行维护费', '公务用车购置费', '公务用车运行维护费', '公务接待费'];
    const group = (key: string) => (key.startsWith('公务用车') ? { group: '公务用车购置及运行维护费' } : {});
    const rowsDef = sangong.def.sections[0]!.rows!.filter((r) => keep.includes(r.key ?? '')).map((r) => ({ ...r, ...group(r.key!), ...(r.key === '公务用车购置及运行维护费' ? { label: '小计' } : {}) }));
    const def = { ...sangong.def, transpose: { header: '财政拨款“三公”经费' }, zeroText: '0', showRowNumbers: false, sections: [{ ...sangong.def.sections[0]!, rows: rowsDef, columns: sangong.def.sections[0]!.columns.slice(1) }] };
    const section0 = [...sangong.sections.values()][0]!;
    const rowsData = section0.rows.filter((r) => keep.includes(r.key)).map((r) => ({ ...r, def: rowsDef.find((d) => d.key === r.key) }));
    const data: TableData = { def, sections: new Map([[section0.def.key, { ...section0, def: def.sections[0]!, rows: rowsData }]]) };
    const out = renderTable(data, ctx);
    const head = rows(out.slice(out.indexOf('<thead'), out.indexOf('</thead>')));
    expect(head[0]!.map((c) => c.text)).toEqual(['财政拨款“三公”经费']);
    expect(head[0]![0]!.attrs).toContain('colspan="12"');
    expect(head[1]!.map((c) => c.text)).toEqual(['一、“三公”经费支出', '1. 因公出国（境）费', '公务用车购置及运行维护费', '3. 公务接待费']);
    expect(head[1]![2]!.attrs).toContain('colspan="6"');
    expect(head[1]![0]!.attrs).toContain('rowspan="2"');
    expect(head[2]!.map((c) => c.text)).toEqual(['小计', '(1) 公务用车购置费', '(2) 公务用车运行维护费']);
    expect(head[3]!.map((c) => c.text)).toEqual(Array.from({ length: 6 }, () => ['全年预算数', '决算数']).flat());
    const body = rows(out.slice(out.indexOf('<tbody')));
    expect(body).toHaveLength(1);
    expect(body[0]).toHaveLength(12);
    expect(out).not.toContain('栏次');
  });

  it('prints the caption line as the table shows it: no 表号, 部门 or 年度 when its definition says so, and the empty note', () => {
    const t08 = table('公开08');
    const out = renderTable({ ...t08, def: { ...t08.def, caption: { number: false, department: false, year: false, unit: '单位：万元' }, emptyNote: '说明：{{department}}本年度没有国有资本经营预算财政拨款支出。' } }, ctx);
    const meta = out.slice(out.indexOf('table-meta') + 'table-meta">'.length, out.indexOf('</div>', out.indexOf('table-meta')));
    expect(cellText(meta)).toBe('单位：万元');
    expect(out).toContain('说明：九江市浔阳区数字经济发展中心本年度没有国有资本经营预算财政拨款支出。');
    const full = renderTable(t08, ctx);
    expect(cellText(full.slice(full.indexOf('table-meta') + 'table-meta">'.length, full.indexOf('</div>', full.indexOf('table-meta'))))).toBe('部门：九江市浔阳区数字经济发展中心2023年度公开08表　金额单位：万元');
  });
});

describe('headings', () => {
  it('takes each heading’s level from its number: the (二) and (三) of 第三部分 九 under 九, as (一) is', () => {
    const h = (text: string) => rendered.headings.find((x) => x.text.replace(/\s/gu, '') === text)!;
    const nine = h('九、预算绩效情况说明');
    expect(h('（一）绩效管理工作开展情况。').level).toBe(nine.level + 1);
    expect(h('（二）部门决算中项目绩效自评情况').level).toBe(nine.level + 1);
    expect(h('（三）部门评价项目绩效评价情况').level).toBe(nine.level + 1);
    expect(h('（二）部门决算中项目绩效自评情况').toc).toBe(false);
    expect(h('附件2：九江市浔阳区数字经济发展中心2023年度项目支出部门绩效评价报告').level).toBe(2);
    // A heading without a number moves with its parent.
    expect(h('信息系统通信、运维费项目支出绩效自评表').level).toBe(nine.level + 2);
  });

  it('prints a heading that names a table as that table’s title, once', () => {
    const t02 = section('data-table="公开02"');
    expect(t02).toMatch(/<h2 id="h\d+" class="table-title">收入决算表<\/h2>/u);
    expect(html).not.toContain('>二、收入决算表</h2>');
    expect(rendered.headings.find((x) => x.text === '二、收入决算表')).toMatchObject({ toc: true, shown: '收入决算表' });
  });

  it('gives levels by rank, siblings the level of their kind', () => {
    const numbering = ['^第.+部分', '^[一二三]+、', '^[（(][一二三]+[）)]'];
    const levels = outlineLevels(
      [
        { depth: 1, text: '第一部分 概况' },
        { depth: 2, text: '一、收入' },
        { depth: 3, text: '（一）甲' },
        { depth: 2, text: '（二）乙' },
        { depth: 3, text: '无编号' },
        { depth: 2, text: '二、支出' },
        { depth: 1, text: '第二部分 表' },
      ],
      numbering,
    ).map((o) => o.level);
    expect(levels).toEqual([1, 2, 3, 3, 4, 2, 1]);
  });
});

describe('fonts', () => {
  it('prints 宋体 and 黑体 with free fonts, and says what stands in for a 仿宋 or 楷体 it does not have', () => {
    const jiangxi = loadFonts(report.template.manifest.print?.font);
    expect(jiangxi.substitutes).toEqual([]);
    expect(jiangxi.faces.some((f) => f.family === 'juesuan-body' && f.alias === 'Noto Serif SC')).toBe(true);
    expect(jiangxi.covers('决'.codePointAt(0)!)).toBe(true);
    expect(jiangxi.covers('䶮'.codePointAt(0)!)).toBe(false);
    expect(loadFonts({ body: '仿宋', heading: '黑体' }).substitutes).toEqual([{ wanted: '仿宋', used: '宋体' }]);
  });
});

describe('typography', () => {
  it('makes punctuation full-width in Chinese context, and leaves numbers and Latin text alone', () => {
    expect(typeset('注:本表反映部门(单位)本年度')).toBe('注：本表反映部门（单位）本年度');
    expect(typeset('财政拨款"三公"经费')).toBe('财政拨款“三公”经费');
    expect(typeset('“三公"经费')).toBe('“三公”经费');
    expect(typeset('国(境)外, 其中;合计')).toBe('国（境）外，其中；合计');
    expect(typeset('5,240,588.00元')).toBe('5,240,588.00元');
    expect(typeset('(1) 公务用车')).toBe('(1) 公务用车');
    expect(typeset('12:30 OA (test)')).toBe('12:30 OA (test)');
    expect(typeset('29.05万元,完成')).toBe('29.05万元，完成');
  });

  it('breaks a cell only between words, never leaving one character alone', () => {
    expect(wordGroups('本年收入合计')).toEqual(['本年', '收入', '合计']);
    expect(wordGroups('支出功能分类科目编码')).toEqual(['支出', '功能', '分类', '科目', '编码']);
    for (const label of ['附属单位上缴收入', '年初结转和结余', '对附属单位补助支出', '信息系统通信、运维费']) {
      for (const g of wordGroups(label)) expect([...g].length, `${label}: ${g}`).toBeGreaterThanOrEqual(2);
    }
  });
});
