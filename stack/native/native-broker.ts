import fs from 'node:fs';
import path from 'node:path';
import type { BrokerControl } from '../started-stack.js';
import { WiredBroker, type BrokerWiring } from '../services/broker/broker-wiring.js';
import type { ServiceProcess } from './service-process.js';

/** A broker running as a local JVM. `start()` after a stop or kill reuses its data (a real restart). */
export class NativeBroker extends WiredBroker implements BrokerControl {
  constructor(
    wiring: BrokerWiring,
    readonly process: ServiceProcess,
  ) {
    super(wiring);
  }

  get running(): boolean {
    return this.process.running;
  }
  get paused(): boolean {
    return this.process.isPaused;
  }
  get pid(): number | undefined {
    return this.process.pid;
  }
  stop(): Promise<void> {
    return this.process.stop();
  }
  kill(): Promise<void> {
    return this.process.kill();
  }
  async pause(): Promise<void> {
    this.process.pause();
  }
  async resume(): Promise<void> {
    this.process.resume();
  }
  async start(): Promise<void> {
    this.process.start();
    await this.waitRegistered();
  }
  async log(): Promise<string> {
    return this.process.logText();
  }
}

export function writeNodeFiles(dir: string, properties: string, meta: string, logDir: string): string {
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(dir, 'server.properties');
  fs.writeFileSync(file, properties);
  fs.writeFileSync(path.join(logDir, 'meta.properties'), meta);
  return file;
}
