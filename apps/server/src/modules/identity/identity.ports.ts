import { DEMO_AGENT, DEMO_CITIZEN } from '../../demo-people.js';

/**
 * 人口库核验: what the identity module asks of the population base, reached through the data
 * exchange (数据共享交换) once that module exists: does this citizen ID belong to a living person of
 * this name? The answer raises an account's assurance to `population`.
 */
export interface PopulationBase {
  check(person: { name: string; citizenId: string }): Promise<'match' | 'mismatch' | 'not_found'>;
}

/**
 * The stand-in until the exchange module lands: a population base that knows the demo people only
 * (every other ID number is `not_found`, never a guess).
 */
export function demoPopulationBase(
  people: readonly { name: string; idNumber: string }[] = [DEMO_CITIZEN, DEMO_AGENT],
): PopulationBase {
  return {
    check: async ({ name, citizenId }) => {
      const known = people.find((person) => person.idNumber === citizenId.toUpperCase());
      if (!known) return 'not_found';
      return known.name === name.trim() ? 'match' : 'mismatch';
    },
  };
}
