// The machine a run happened on, read at run time so a table is never reported against the wrong hardware.
import * as os from 'node:os';

export interface MachineInfo {
  /** One line for people: "AMD EPYC 7B13, 2 cores, Node v20.20.0, Linux 6.1.0 (x64)". */
  readonly summary: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const cpuModel = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const memoryGiB = Math.round((os.totalmem() / 2 ** 30) * 10) / 10;
  const osText = `${os.type()} ${os.release()} (${os.arch()})`;
  return {
    summary: `${cpuModel}, ${cores} cores, ${memoryGiB} GiB, Node ${process.version}, ${osText}`,
    cpuModel,
    cores,
    memoryGiB,
    node: process.version,
    os: osText,
  };
}
