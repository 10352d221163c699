/** The first day of a calendar day's month (YYYY-MM-01): the key of monthly distinct counts. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
/** The dimension a category's figures are kept under. */
export const categoryDimension = (category: string) => `category=${category}`;
