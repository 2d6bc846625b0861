import css from './brand.css?raw';

/** The brand colour for what CSS does not reach (the toolbar badge), read from its one home, brand.css. */
export const BRAND_COLOR = /--brand:\s*(#[0-9a-f]{6})\b/i.exec(css)![1];
