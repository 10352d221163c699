import { ACTIVITY_CATEGORIES, type ActivityCategory } from '@hearth/contracts';

/** The fixed categories reporting counts by, as people say them. */
export const CATEGORY_NAMES: Record<ActivityCategory, string> = {
  'peer-support': 'Peer support group',
  'mutual-aid': 'Mutual aid meeting',
  walking: 'Walking',
  'sport-fitness': 'Sport and fitness',
  'arts-crafts': 'Arts and crafts',
  music: 'Music',
  'book-club': 'Book club',
  'learning-skills': 'Learning and skills',
  'sober-social': 'Sober social',
  'community-action': 'Community action',
  volunteering: 'Volunteering',
  family: 'Family',
  wellbeing: 'Wellbeing',
  other: 'Something else',
};

export const categoryName = (category: string) => CATEGORY_NAMES[category as ActivityCategory] ?? category;

export const isCategory = (value: string): value is ActivityCategory =>
  (ACTIVITY_CATEGORIES as readonly string[]).includes(value);
