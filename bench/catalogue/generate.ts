/**
 * The benchmark's catalogue beyond the 200 seed entries: a deterministic plan of basic items and
 * implementation entries that looks like a province's slice of the national catalogue.
 *
 * 1. Seed 子项: every seed entry offering several business actions (食品经营许可 新办/变更/延续/注销)
 *    is split the way national catalogues split items: one 子项 per action, under the seed item,
 *    implemented by the same departments with the seed guide narrowed to that action.
 * 2. Generated lines: vocabulary.ts's subjects × categories × actions, each 子项 implemented by every
 *    seeded department of its line at each of its levels (a county-level item by all six counties).
 *
 * 子项 are taken round-robin across subjects, so a smaller target still spans every line.
 */
import { regionLevelOf } from '@yiwang/codes';
import type { BasicItem, ItemType } from '../../apps/server/src/modules/catalogue/catalogue.model.js';
import type {
  SeedCatalogue,
  SeedEntry,
} from '../../apps/server/src/modules/catalogue/catalogue.seed-types.js';
import {
  applicationForm,
  businessLicence,
  type Content,
  type Ctx,
  type Depth,
  ENTERPRISE_FIELDS,
  type FormField,
  flow,
  form,
  guide,
  idCard,
  implement,
  material,
  onTheSpot,
  PERSON_FIELDS,
  powerOfAttorney,
} from '../../apps/server/src/modules/catalogue/seed/common.js';
import { seedDepartments } from '../../apps/server/src/modules/org/org.seed-data.js';
import { type Action, LINES, type LineVocabulary, type Subject } from './vocabulary.js';

/** What to load beyond the seed: basic items (主项 before 子项) and entries to publish. */
export interface CataloguePlan {
  basicItems: BasicItem[];
  entries: SeedEntry[];
  /** Entries that split a seed item into 子项, and entries of generated lines. */
  seedSubItemEntries: number;
  generatedEntries: number;
}

/** FNV-1a: a stable spread of per-entry choices (online depth, promised limit). */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

function pick<T>(values: readonly T[], seed: number): T {
  const value = values[seed % values.length];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** Departments of a line at the given levels, by seed key. */
function implementers(line: LineVocabulary, levels: readonly string[]): string[] {
  return seedDepartments
    .filter((dept) => dept.sector === line.sector && levels.includes(regionLevelOf(dept.regionCode)))
    .map((dept) => dept.key);
}

/** A 子项's name: 机动车转移登记（小型汽车）, 食品生产许可（粮食加工品·新办）, 出生公证. */
function leafName(subject: Subject, action: Action, category: string | undefined): string {
  const form = subject.categoryForm ?? 'paren';
  let base = subject.name;
  if (category && form === 'prefix') base = `${category}${subject.name}`;
  if (category && form === 'replace') base = category;
  if (action.mode === 'suffix') base += action.label;
  const inParens = [
    form === 'paren' ? category : undefined,
    action.mode === 'paren' ? action.label : undefined,
  ]
    .filter((part) => part)
    .join('·');
  return inParens ? `${base}（${inParens}）` : base;
}

const DEFAULT_LEGAL_DAYS: Record<ItemType, number> = {
  licensing: 20,
  confirmation: 20,
  payment: 20,
  adjudication: 60,
  reward: 30,
  filing: 5,
  other_power: 10,
  public_service: 15,
};

/** How a 子项 is told from its 主项 when the action alone would give it the same name. */
const KIND_LABELS: Record<Action['kind'], string> = {
  new: '新办',
  change: '变更',
  renewal: '延续',
  cancellation: '注销',
};

const CHECK_STANDARD = '内容真实、完整、清晰，与申请事项一致';

/** The content of one generated 子项 in one department: guide, materials, form, process. */
function leafContent(
  ctx: Ctx,
  leaf: { name: string; subject: Subject; action: Action; category: string | undefined },
): Content {
  const { subject, action, category } = leaf;
  const spread = hash(`${ctx.dept.key}|${ctx.basicCode}`);
  const legalDays = subject.legalDays ?? DEFAULT_LEGAL_DAYS[subject.type];
  const immediate = action.immediate === true;
  const promised = immediate
    ? 'immediate'
    : Math.max(1, Math.round(legalDays * pick([0.25, 0.4, 0.5], spread)));
  const depth: Depth = pick(subject.type === 'filing' || immediate ? [3, 4, 4] : [2, 3, 3, 4], spread >>> 3);
  const visits = depth === 4 ? 0 : depth === 3 ? 1 : 2;
  const enterprise = subject.audiences[0] === 'enterprise';
  const onSite = subject.onSite === true && !immediate && action.kind !== 'cancellation';
  const own: Record<string, FormField> = {
    ...(category && subject.categories
      ? { category: { type: 'string', title: '申请类别', enum: [...subject.categories] } }
      : {}),
    remarks: { type: 'string', title: '申请事项说明', maxLength: 500 },
  };
  return {
    guide: guide(ctx, {
      conditions: [...subject.conditions, action.condition],
      legal: legalDays,
      promised,
      visits,
      ...(visits > 0
        ? {
            visitReason:
              visits > 1 ? '提交纸质材料原件并领取办理结果' : '核验材料原件或者领取纸质证件须到窗口一次',
          }
        : {}),
      audiences: subject.audiences,
      depth,
      themes: subject.themes,
      highFrequency: subject.highFrequency === true && action === subject.actions[0],
      ...(onSite
        ? {
            special: [
              {
                name: '现场核查',
                description:
                  '对申请材料的实质内容需要核实的，指派两名以上工作人员进行现场核查，所需时间不计入办理时限',
                maxWorkingDays: 10,
              },
            ],
          }
        : {}),
      result: { name: subject.result },
    }),
    materials: [
      applicationForm(`${leaf.name}申请表`),
      ...(enterprise ? [businessLicence(), idCard('法定代表人（负责人）')] : [idCard()]),
      ...subject.materials.map(([key, name], index) =>
        index === 1 && spread % 2 === 0
          ? material(key, name, {
              acceptanceStandard: CHECK_STANDARD,
              necessity: 'deferrable',
              deferralWorkingDays: 5,
            })
          : material(key, name, { acceptanceStandard: CHECK_STANDARD }),
      ),
      powerOfAttorney(),
    ],
    form: form(
      `${leaf.name}申请表`,
      enterprise ? ENTERPRISE_FIELDS : PERSON_FIELDS,
      own,
      enterprise
        ? ['enterpriseName', 'creditCode', 'legalRepresentative', 'mobile']
        : ['applicantName', 'idNumber', 'mobile'],
    ),
    process: immediate
      ? onTheSpot()
      : flow(promised === 'immediate' ? 1 : promised, {
          production: subject.type === 'licensing',
          preliminary: legalDays >= 20,
          ...(onSite ? { reviewName: '材料审查及现场核查' } : {}),
        }),
    handlingItems: [{ name: leaf.name, kind: action.kind }],
  };
}

/** A batch of entries that implement one basic item. */
interface Leaf {
  item: BasicItem;
  entries: SeedEntry[];
}

/** 子项 of seed items: one per business action of a seed entry that offers several. */
function seedSubItems(seed: SeedCatalogue): Leaf[] {
  const leaves: Leaf[] = [];
  for (const parent of seed.basicItems) {
    const entries = seed.entries.filter((entry) => entry.basicCode === parent.basicCode);
    const first = entries[0];
    if (!first || first.content.handlingItems.length < 2 || parent.parentCode) continue;
    first.content.handlingItems.forEach((handling, index) => {
      const basicCode = `${parent.basicCode.slice(0, 9)}${String(index + 1).padStart(3, '0')}`;
      const name =
        handling.name === parent.name ? `${parent.name}（${KIND_LABELS[handling.kind]}）` : handling.name;
      leaves.push({
        item: { ...parent, basicCode, name, parentCode: parent.basicCode },
        entries: entries.map((entry) => ({
          ...entry,
          basicCode,
          content: { ...entry.content, handlingItems: [{ name: handling.name, kind: handling.kind }] },
        })),
      });
    });
  }
  return leaves;
}

/** The 主项 and 子项 of one generated subject, with every implementing department's entry. */
function subjectLeaves(
  line: LineVocabulary,
  subject: Subject,
  index: number,
): { main?: BasicItem; leaves: Leaf[] } {
  const prefix = `000${line.code}${String(101 + index).padStart(3, '0')}`;
  const departments = implementers(line, subject.levels);
  const categories: (string | undefined)[] = subject.categories ? [...subject.categories] : [undefined];
  const combos = categories.flatMap((category) => subject.actions.map((action) => ({ category, action })));
  const single = combos.length === 1;
  const base: Omit<BasicItem, 'basicCode' | 'name'> = {
    type: subject.type,
    competentSector: line.sector,
    implementingSector: line.sector,
    levels: subject.levels.filter((level) => level !== 'township' || line.sector === 'service_centre'),
    legalBasis: [subject.legalBasis],
    aliases: subject.aliases ?? [],
  };
  const leaves = combos.map(({ category, action }, number): Leaf => {
    const basicCode = single ? `${prefix}000` : `${prefix}${String(number + 1).padStart(3, '0')}`;
    const plain = leafName(subject, action, category);
    const name = !single && plain === subject.name ? `${plain}（${KIND_LABELS[action.kind]}）` : plain;
    const item: BasicItem = single
      ? { ...base, basicCode, name }
      : { ...base, basicCode, name, parentCode: `${prefix}000` };
    return {
      item,
      entries: implement(basicCode, departments, (ctx) =>
        leafContent(ctx, { name, subject, action, category }),
      ),
    };
  });
  return single ? { leaves } : { main: { ...base, basicCode: `${prefix}000`, name: subject.name }, leaves };
}

/**
 * Plan `count` entries beyond the seed: seed 子项 first, then generated 子项 round-robin across
 * subjects; the last 子项 taken may be implemented by only some of its departments.
 */
export function planCatalogue(seed: SeedCatalogue, count: number): CataloguePlan {
  const subjects = LINES.flatMap((line) =>
    line.subjects.map((subject, index) => subjectLeaves(line, subject, index)),
  );
  const queues = subjects.map((subject) => subject.leaves);
  const order: { leaf: Leaf; main: BasicItem | undefined; generated: boolean }[] = seedSubItems(seed).map(
    (leaf) => ({
      leaf,
      main: undefined,
      generated: false,
    }),
  );
  for (let round = 0; queues.some((queue) => round < queue.length); round++) {
    queues.forEach((queue, index) => {
      const leaf = queue[round];
      if (leaf) order.push({ leaf, main: subjects[index]?.main, generated: true });
    });
  }
  const mains = new Map<string, BasicItem>();
  const leaves: BasicItem[] = [];
  const entries: SeedEntry[] = [];
  let seedSubItemEntries = 0;
  for (const { leaf, main, generated } of order) {
    const room = count - entries.length;
    if (room <= 0) break;
    if (main) mains.set(main.basicCode, main);
    leaves.push(leaf.item);
    const taken = leaf.entries.slice(0, room);
    entries.push(...taken);
    if (!generated) seedSubItemEntries += taken.length;
  }
  if (entries.length < count)
    throw new Error(
      `the benchmark vocabulary yields ${entries.length} entries beyond the seed, fewer than the ${count} ` +
        'asked for: lower BENCH_CATALOGUE_ENTRIES, or add subjects to bench/catalogue/vocabulary.ts',
    );
  return {
    basicItems: [...mains.values(), ...leaves],
    entries,
    seedSubItemEntries,
    generatedEntries: entries.length - seedSubItemEntries,
  };
}

/** How many entries the vocabulary can yield beyond the seed, for messages. */
export function planCapacity(seed: SeedCatalogue): number {
  const generated = LINES.flatMap((line) =>
    line.subjects.map((subject, index) => subjectLeaves(line, subject, index)),
  );
  return (
    seedSubItems(seed).reduce((sum, leaf) => sum + leaf.entries.length, 0) +
    generated.reduce(
      (sum, subject) => sum + subject.leaves.reduce((n, leaf) => n + leaf.entries.length, 0),
      0,
    )
  );
}
