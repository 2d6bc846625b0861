/**
 * The page's live-blog detector script (entrypoints/page-liveblog.ts): what src/page/more.ts hands the
 * content script once a page could be a live blog (src/liveblog/could.ts).
 */
import { detectLiveBlog, rereadLiveBlogSteps } from '../liveblog';
import type { LiveBlogDetector } from './more';

export const liveBlogDetector: LiveBlogDetector = { detectLiveBlog, rereadLiveBlogSteps };
