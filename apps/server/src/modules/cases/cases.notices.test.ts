import { describe, expect, it } from 'vitest';
import { parsePdf, squash } from '../../test/pdf-text.js';
import {
  type AcceptanceNotice,
  type CorrectionNotice,
  type DecisionNotice,
  type NonAcceptanceNotice,
  type Notice,
  renderNoticePdf,
} from './cases.notices.js';

const A4 = { width: 595.28, height: 841.89 };
/** The type area's right edge (left 28 mm + width, right margin 26 mm). */
const RIGHT_EDGE = A4.width - 26 * (72 / 25.4);

const department = { departmentName: '杭州市西湖区市场监督管理局', issuedDate: '2026-03-05' };
const remedies = { reviewBody: '杭州市西湖区人民政府', court: '杭州市西湖区人民法院' };

const acceptance: AcceptanceNotice = {
  kind: 'acceptance',
  documentNumber: '杭西市监受〔2026〕第00012号',
  caseNumber: 'BJ-330106-20260305-0012',
  // 喆 and 堃 are outside GB 2312 but common in names.
  applicantName: '陈喆堃',
  itemName: '食品经营许可（新办）',
  receivedDate: '2026-03-02',
  acceptedDate: '2026-03-05',
  legalTimeLimitDays: 20,
  legalDueDate: '2026-04-02',
  promisedTimeLimitDays: 7,
  promisedDueDate: '2026-03-16',
  deferredMaterials: [
    { name: '食品安全管理制度文本', dueDate: '2026-03-12' },
    { name: '主要设备设施布局图', dueDate: '2026-03-13' },
  ],
  ...department,
  contactPhone: '0571-87654321',
};

const correction: CorrectionNotice = {
  kind: 'correction',
  documentNumber: '杭西市监补〔2026〕第00007号',
  applicationNumber: 'SQ-20260302-0031',
  applicantName: '杭州喆堃餐饮管理有限公司',
  itemName: '食品经营许可（新办）',
  receivedDate: '2026-03-02',
  corrections: [
    {
      subject: '营业执照复印件',
      reason: '复印件不清晰，统一社会信用代码无法辨认，请提交清晰的复印件并加盖公章。',
    },
    { subject: '经营场所使用证明', reason: '租赁合同已于2026年1月31日到期，请提交在有效期内的租赁合同。' },
    { subject: '法定代表人身份证号码（表单字段）', reason: '号码位数不足18位，请核对后重新填写。' },
  ],
  ...department,
  contactPhone: '0571-87654321',
};

const nonAcceptance: NonAcceptanceNotice = {
  kind: 'nonAcceptance',
  documentNumber: '杭西市监不受〔2026〕第00003号',
  applicationNumber: 'SQ-20260302-0040',
  applicantName: '王玥',
  itemName: '药品零售企业许可',
  receivedDate: '2026-03-02',
  reason: '申请事项依法不属于本机关职权范围，应当向杭州市市场监督管理局申请。',
  legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
  ...department,
  ...remedies,
};

const approval: DecisionNotice = {
  kind: 'decision',
  outcome: 'approve',
  documentNumber: '杭西市监许〔2026〕第00021号',
  caseNumber: 'BJ-330106-20260305-0012',
  applicantName: '陈喆堃',
  itemName: '食品经营许可（新办）',
  acceptedDate: '2026-03-05',
  decisionDate: '2026-03-13',
  content:
    '核发《食品经营许可证》，许可证编号JY13301060012345。\n经营项目：预包装食品销售（含冷藏冷冻食品）；有效期至2031年3月12日。',
  legalBasis: '《中华人民共和国行政许可法》第三十八条第一款、《中华人民共和国食品安全法》第三十五条',
  ...department,
  ...remedies,
};

const refusal: DecisionNotice = {
  ...approval,
  outcome: 'refuse',
  documentNumber: '杭西市监不许〔2026〕第00004号',
  content: undefined,
  reasons: '经现场核查，经营场所与污染源的距离不足25米，不符合食品经营场所的选址要求。',
  legalBasis: '《中华人民共和国行政许可法》第三十八条第二款、《食品经营许可和备案管理办法》第十五条',
};

const REMEDIES_TEXT =
  '自收到本决定书之日起60日内向杭州市西湖区人民政府申请行政复议；也可以依照《中华人民共和国行政诉讼法》' +
  '的规定，自收到本决定书之日起6个月内向杭州市西湖区人民法院提起行政诉讼';

describe('renderNoticePdf', () => {
  it('renders the acceptance notice on one A4 page with the facts, due dates and deferred materials', async () => {
    const pdf = await parsePdf(await renderNoticePdf(acceptance));

    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]?.width).toBeCloseTo(A4.width, 1);
    expect(pdf.pages[0]?.height).toBeCloseTo(A4.height, 1);
    for (const expected of [
      '杭州市西湖区市场监督管理局',
      '受理通知书',
      '杭西市监受〔2026〕第00012号',
      'BJ-330106-20260305-0012',
      '陈喆堃：',
      '“食品经营许可（新办）”申请',
      '《中华人民共和国行政许可法》第三十二条第一款第（五）项',
      '法定办结时限20个工作日，至2026年4月2日',
      '承诺办结时限7个工作日，至2026年3月16日',
      '容缺受理',
      '食品安全管理制度文本2026年3月12日',
      '主要设备设施布局图2026年3月13日',
      '0571-87654321',
      '（印章）杭州市西湖区市场监督管理局2026年3月5日',
    ]) {
      expect(pdf.text).toContain(expected);
    }
  });

  it('embeds only a subset of the CJK font', async () => {
    const bytes = await renderNoticePdf(acceptance);
    const raw = Buffer.from(bytes).toString('latin1');

    // A subset's name carries a six-letter tag; the whole Noto Sans CJK face is over 8 MB.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Bold/);
    expect(raw).toContain('/FontFile3');
    expect(bytes.byteLength).toBeLessThan(200_000);
    expect(raw.startsWith('%PDF-')).toBe(true);
  });

  it('lists every correction once, as a one-time notice', async () => {
    const pdf = await parsePdf(await renderNoticePdf(correction));

    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).toContain('补正告知书（一次性告知）');
    expect(pdf.text).toContain('SQ-20260302-0031');
    expect(pdf.text).toContain('杭州喆堃餐饮管理有限公司：');
    expect(pdf.text).toContain('第三十二条第一款第（四）项的规定，现将需要补正的全部内容一次性告知如下');
    for (const [index, line] of correction.corrections.entries()) {
      // Row by row: the number, the subject, then the reason, however the cells wrap.
      expect(pdf.text).toContain(squash(`${index + 1}${line.subject}${line.reason}`));
    }
  });

  it('continues a long correction list on further pages under a repeated header', async () => {
    const corrections = Array.from({ length: 40 }, (_, index) => ({
      subject: `第${index + 1}项申请材料`,
      reason: `材料第${index + 1}页未加盖单位公章，且填写日期与申请表不一致，请核对后重新提交。`,
    }));
    const pdf = await parsePdf(await renderNoticePdf({ ...correction, corrections }));

    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    for (const line of corrections) expect(pdf.text).toContain(squash(line.reason));
    const [first, second] = pdf.pages;
    expect(first?.text).toContain(squash(corrections[0]?.reason ?? ''));
    expect(first?.text).not.toContain(squash(corrections[39]?.reason ?? ''));
    // The table goes on under its header again, and the page carries the document number.
    expect(second?.text).toMatch(/^序号补正材料或事项补正原因及要求(\d+)第\1项申请材料/);
    expect(second?.text).toContain('杭西市监补〔2026〕第00007号');
    expect(pdf.pages.at(-1)?.text).toContain('（印章）杭州市西湖区市场监督管理局2026年3月5日');
    expect(pdf.pages.map((page) => page.text.includes('—1—'))).toEqual(
      pdf.pages.map((_, index) => index === 0),
    );
  });

  it('states the remedies for a non-acceptance: 行政复议 within 60 days, 行政诉讼 within 6 months', async () => {
    const pdf = await parsePdf(await renderNoticePdf(nonAcceptance));

    expect(pdf.text).toContain('不予受理通知书');
    expect(pdf.text).toContain('王玥：');
    expect(pdf.text).toContain(
      '经审查，申请事项依法不属于本机关职权范围，应当向杭州市市场监督管理局申请。根据',
    );
    expect(pdf.text).toContain('本机关决定不予受理');
    expect(pdf.text).toContain(
      '如不服本决定，可以依照《中华人民共和国行政复议法》的规定，自收到本通知书之日起60日内向杭州市西湖区人民政府申请行政复议',
    );
    expect(pdf.text).toContain('自收到本通知书之日起6个月内向杭州市西湖区人民法院提起行政诉讼');
  });

  it('renders both decisions with their own title, content or reasons, and the remedies', async () => {
    const approved = await parsePdf(await renderNoticePdf(approval));
    expect(approved.text).toContain('准予行政许可决定书');
    expect(approved.text).toContain('BJ-330106-20260305-0012');
    expect(approved.text).toContain('本机关于2026年3月13日决定准予行政许可');
    expect(approved.text).toContain('许可证编号JY13301060012345');
    expect(approved.text).toContain('有效期至2031年3月12日');
    expect(approved.text).toContain(REMEDIES_TEXT);

    const refused = await parsePdf(await renderNoticePdf(refusal));
    expect(refused.text).toContain('不予行政许可决定书');
    expect(refused.text).toContain('理由如下：经现场核查，经营场所与污染源的距离不足25米');
    expect(refused.text).toContain('决定不予行政许可');
    expect(refused.text).toContain(REMEDIES_TEXT);
  });

  it('wraps long Chinese text inside the type area, never starting a line with closing punctuation', async () => {
    const reason =
      '申请人提交的《食品经营许可申请书》中，经营场所地址、经营项目、从业人员健康证明、设备布局图、' +
      '“食品安全管理制度”等内容与现场核查情况不一致（详见附件），且未在规定期限内说明理由。'.repeat(6);
    const pdf = await parsePdf(await renderNoticePdf({ ...refusal, reasons: reason }));
    const lines = pdf.pages.flatMap((page) => page.lines);

    expect(pdf.text).toContain(squash(reason));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(line.x + line.width, line.text).toBeLessThanOrEqual(RIGHT_EDGE + 1);
      expect(line.text, line.text).not.toMatch(/^[，。、；：？！）》”]/);
      expect(line.text, line.text).not.toMatch(/[（《“]$/);
    }
  });

  it('refuses a notice with missing text', async () => {
    await expect(renderNoticePdf({ ...refusal, reasons: undefined })).rejects.toThrow(
      /"reasons" is required/,
    );
    await expect(renderNoticePdf({ ...refusal, reasons: '  ' })).rejects.toThrow(/"reasons" is required/);
    await expect(renderNoticePdf({ ...approval, content: '' })).rejects.toThrow(/"content" is required/);
    await expect(renderNoticePdf({ ...correction, corrections: [] })).rejects.toThrow(/corrections/);
    await expect(
      renderNoticePdf({ ...correction, corrections: [{ subject: '营业执照', reason: '' }] }),
    ).rejects.toThrow(/corrections\[0\]: "reason"/);
    await expect(renderNoticePdf({ ...nonAcceptance, court: '' })).rejects.toThrow(/"court" is required/);
    await expect(renderNoticePdf({ ...acceptance, legalTimeLimitDays: 0 })).rejects.toThrow(
      /legalTimeLimitDays/,
    );
    await expect(renderNoticePdf({ ...acceptance, kind: 'memo' } as unknown as Notice)).rejects.toThrow(
      /Unknown notice kind/,
    );
  });
});
