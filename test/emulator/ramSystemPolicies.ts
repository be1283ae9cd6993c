// RAM's system policies the emulator knows, with the documents GetPolicy answers. Alibaba owns these documents and
// revises them; the ones marked `approximate` here keep the shape and the VOD/MPS-relevant actions of the real
// document but not every action of every other service (see README, "RAM grants").

export interface SystemPolicy {
  description: string;
  /** The document as RAM serves it: a JSON string. */
  document: string;
  /** True when the real document lists more (other services' actions); the VOD/MPS part is what matters here. */
  approximate: boolean;
  /** The default version RAM reports for it. */
  defaultVersion: string;
}

const doc = (statement: unknown[]): string => JSON.stringify({ Version: '1', Statement: statement });
const allow = (action: string | string[]): Record<string, unknown> => ({ Action: action, Resource: '*', Effect: 'Allow' });

export const RAM_SYSTEM_POLICIES: Readonly<Record<string, SystemPolicy>> = {
  AdministratorAccess: {
    description: 'Provides full access to Alibaba Cloud services and resources.',
    document: doc([allow('*')]), approximate: false, defaultVersion: 'v1',
  },
  ReadOnlyAccess: {
    description: 'Provides read-only access to Alibaba Cloud services and resources.',
    document: doc([allow(['vod:Get*', 'vod:List*', 'vod:Describe*', 'vod:Search*', 'mts:Query*', 'mts:List*', 'mts:Search*', 'oss:Get*', 'oss:List*', 'ram:Get*', 'ram:List*', 'ecs:Describe*'])]),
    approximate: true, defaultVersion: 'v1',
  },
  AliyunVODFullAccess: {
    description: 'Provides full access to ApsaraVideo VOD.',
    document: doc([allow('vod:*')]), approximate: false, defaultVersion: 'v1',
  },
  AliyunVODReadOnlyAccess: {
    description: 'Provides read-only access to ApsaraVideo VOD.',
    document: doc([allow(['vod:Get*', 'vod:List*', 'vod:Describe*', 'vod:Search*'])]), approximate: true, defaultVersion: 'v1',
  },
  AliyunMTSFullAccess: {
    description: 'Provides full access to ApsaraVideo Media Processing (MPS).',
    document: doc([allow('mts:*')]), approximate: false, defaultVersion: 'v1',
  },
  AliyunMTSReadOnlyAccess: {
    description: 'Provides read-only access to ApsaraVideo Media Processing (MPS).',
    document: doc([allow(['mts:Query*', 'mts:List*', 'mts:Search*', 'mts:Get*'])]), approximate: true, defaultVersion: 'v1',
  },
  AliyunOSSFullAccess: {
    description: 'Provides full access to Object Storage Service (OSS).',
    document: doc([allow('oss:*')]), approximate: false, defaultVersion: 'v1',
  },
  AliyunRAMFullAccess: {
    description: 'Provides full access to Resource Access Management (RAM).',
    document: doc([allow('ram:*')]), approximate: false, defaultVersion: 'v1',
  },
  AliyunRAMReadOnlyAccess: {
    description: 'Provides read-only access to Resource Access Management (RAM).',
    document: doc([allow(['ram:Get*', 'ram:List*'])]), approximate: false, defaultVersion: 'v1',
  },
  AliyunSTSAssumeRoleAccess: {
    description: 'Provides access to call AssumeRole of Security Token Service (STS).',
    document: doc([allow('sts:AssumeRole')]), approximate: false, defaultVersion: 'v1',
  },
};

export function isRamSystemPolicy(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RAM_SYSTEM_POLICIES, name);
}
