import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory } from '@hearth/contracts';

/** The fixed categories reporting counts by, as people say them (one list, in contracts, for the API's downloads too). */
export const CATEGORY_NAMES: Record<ActivityCategory, string> = ACTIVITY_CATEGORY_LABELS;

export const categoryName = (category: string) => CATEGORY_NAMES[category as ActivityCategory] ?? category;

export const isCategory = (value: string): value is ActivityCategory =>
  (ACTIVITY_CATEGORIES as readonly string[]).includes(value);
