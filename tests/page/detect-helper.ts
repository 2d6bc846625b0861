import { DetectService } from '../../src/background/detect';
import type { DetectRequest } from '../../src/messaging/protocol';
import type { DetectFn } from '../../src/page/names';

/** The background's detection, in-process, with the message's copy on the way in and out. */
export function inProcess(service = new DetectService(), sent: DetectRequest[] = []): DetectFn {
  return async (req) => {
    sent.push(structuredClone(req));
    return structuredClone(service.handle(structuredClone(req), '1:0'));
  };
}
