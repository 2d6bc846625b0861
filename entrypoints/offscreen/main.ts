import { serveParse } from '../../src/follow/offscreen';

serveParse();
