// The RAM policy reader over a table of real-world documents: Alibaba's system policies as published, custom ones
// with wildcards and mixed-case prefixes, Deny, NotAction, Condition, resource scopes and malformed JSON.
import * as assert from 'node:assert/strict';
import { grantsEverything, matchAction, mayGrant, readPolicyDocument, type StatementReading } from '../../../src/cloud/ramPolicy';
import { RAM_SYSTEM_POLICIES } from '../../emulator/ramSystemPolicies';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '1', Statement });
const covers = (service: 'vod' | 'mts', actions: 'all' | string[], more: Partial<Extract<StatementReading, { kind: 'covers' }>> = {}): StatementReading =>
  ({ kind: 'covers', effect: 'Allow', service, actions, resources: 'all', conditions: [], ...more });

const TABLE: { name: string; document: unknown; expect: StatementReading[] }[] = [
  { name: 'AdministratorAccess (*)', document: RAM_SYSTEM_POLICIES.AdministratorAccess.document, expect: [covers('vod', 'all'), covers('mts', 'all')] },
  { name: 'AliyunVODFullAccess (vod:*)', document: RAM_SYSTEM_POLICIES.AliyunVODFullAccess.document, expect: [covers('vod', 'all')] },
  { name: 'AliyunMTSFullAccess (mts:*)', document: RAM_SYSTEM_POLICIES.AliyunMTSFullAccess.document, expect: [covers('mts', 'all')] },
  { name: 'AliyunVODReadOnlyAccess', document: RAM_SYSTEM_POLICIES.AliyunVODReadOnlyAccess.document, expect: [covers('vod', ['vod:Get*', 'vod:List*', 'vod:Describe*', 'vod:Search*'])] },
  { name: 'ReadOnlyAccess: only its VOD and MPS patterns', document: RAM_SYSTEM_POLICIES.ReadOnlyAccess.document, expect: [covers('vod', ['vod:Get*', 'vod:List*', 'vod:Describe*', 'vod:Search*']), covers('mts', ['mts:Query*', 'mts:List*', 'mts:Search*'])] },
  { name: 'AliyunOSSFullAccess says nothing about VOD or MPS', document: RAM_SYSTEM_POLICIES.AliyunOSSFullAccess.document, expect: [] },
  { name: 'AliyunSTSAssumeRoleAccess likewise', document: RAM_SYSTEM_POLICIES.AliyunSTSAssumeRoleAccess.document, expect: [] },
  { name: 'mixed-case prefixes Mts: and MTS:', document: doc({ Effect: 'Allow', Action: ['Mts:SubmitSnapshotJob', 'MTS:QuerySnapshotJobList'], Resource: '*' }), expect: [covers('mts', ['Mts:SubmitSnapshotJob', 'MTS:QuerySnapshotJobList'])] },
  { name: 'VOD:* upper case is every VOD action', document: doc({ Effect: 'Allow', Action: 'VOD:*', Resource: ['*'] }), expect: [covers('vod', 'all')] },
  { name: '? and * in the service prefix', document: doc({ Effect: 'Allow', Action: ['v?d:Get*', 'm*:*'], Resource: '*' }), expect: [covers('vod', ['v?d:Get*']), covers('mts', 'all')] },
  { name: '*:* reaches both services entirely', document: doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }), expect: [covers('vod', 'all'), covers('mts', 'all')] },
  { name: 'a lower-case effect is still an Allow', document: doc({ Effect: 'allow', Action: 'vod:*', Resource: '*' }), expect: [covers('vod', 'all')] },
  { name: 'Deny is shown as a Deny', document: doc({ Effect: 'Allow', Action: 'vod:*', Resource: '*' }, { Effect: 'Deny', Action: 'vod:Delete*', Resource: '*' }), expect: [covers('vod', 'all'), covers('vod', ['vod:Delete*'], { effect: 'Deny' })] },
  { name: 'Condition keys are kept', document: doc({ Effect: 'Allow', Action: 'vod:*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': ['203.0.113.0/24'] }, Bool: { 'acs:SecureTransport': 'true' } } }), expect: [covers('vod', 'all', { conditions: ['IpAddress acs:SourceIp', 'Bool acs:SecureTransport'] })] },
  { name: 'a resource scope is kept as written', document: doc({ Effect: 'Allow', Action: 'vod:*', Resource: 'acs:vod:*:1839204725361048:app/app-2000001' }), expect: [covers('vod', 'all', { resources: ['acs:vod:*:1839204725361048:app/app-2000001'] })] },
  { name: 'a single Statement object is read too', document: JSON.stringify({ Version: '1', Statement: { Effect: 'Allow', Action: 'vod:*', Resource: '*' } }), expect: [covers('vod', 'all')] },
  { name: 'an already parsed document is read', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'mts:*', Resource: '*' }] }, expect: [covers('mts', 'all')] },
  { name: 'NotAction cannot be evaluated', document: doc({ Effect: 'Allow', NotAction: ['ram:*'], Resource: '*' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'notAction', detail: 'ram:*' }] },
  { name: 'NotResource cannot be evaluated', document: doc({ Effect: 'Allow', Action: 'vod:*', NotResource: 'acs:vod:*:*:app/app-1' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'notResource', detail: 'acs:vod:*:*:app/app-1' }] },
  { name: 'invalid JSON', document: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:*"', expect: [{ kind: 'unreadable', reason: 'invalidJson' }] },
  { name: 'JSON that is not a policy', document: '[1,2]', expect: [{ kind: 'unreadable', reason: 'notAnObject' }] },
  { name: 'an unknown Version', document: JSON.stringify({ Version: '2012-10-17', Statement: [] }), expect: [{ kind: 'unreadable', reason: 'version', detail: '2012-10-17' }] },
  { name: 'Statement that is not a list of objects', document: JSON.stringify({ Version: '1', Statement: ['vod:*'] }), expect: [{ kind: 'unreadable', reason: 'noStatement' }] },
  { name: 'an Effect that is neither', document: doc({ Effect: 'Maybe', Action: 'vod:*', Resource: '*' }), expect: [{ kind: 'unreadable', reason: 'effect', detail: 'Maybe' }] },
  { name: 'an Action that is a number', document: doc({ Effect: 'Allow', Action: 7, Resource: '*' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'action' }] },
  { name: 'an Action without a service prefix', document: doc({ Effect: 'Allow', Action: 'vodGet', Resource: '*' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'action', detail: 'vodGet' }] },
  { name: 'a VOD statement without Resource', document: doc({ Effect: 'Allow', Action: 'vod:*' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'resource' }] },
  { name: 'a Condition that is not an object', document: doc({ Effect: 'Allow', Action: 'vod:*', Resource: '*', Condition: 'x' }), expect: [{ kind: 'unreadable', effect: 'Allow', reason: 'condition' }] },
  { name: 'an empty statement list says nothing', document: doc(), expect: [] },
];

describe('readPolicyDocument: what a RAM policy says about VOD and MPS', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      assert.deepEqual(readPolicyDocument(row.document).statements, row.expect);
    });
  }

  it('every system policy the emulator serves is readable (no unreadable statement)', () => {
    for (const [name, p] of Object.entries(RAM_SYSTEM_POLICIES)) {
      assert.ok(readPolicyDocument(p.document).statements.every((s) => s.kind === 'covers'), name);
    }
  });

  it('grantsEverything only for an unconditional, unscoped Allow of every action', () => {
    const [full] = readPolicyDocument(RAM_SYSTEM_POLICIES.AliyunVODFullAccess.document).statements;
    assert.equal(grantsEverything(full, 'vod'), true);
    assert.equal(grantsEverything(full, 'mts'), false);
    for (const s of [covers('vod', ['vod:Get*']), covers('vod', 'all', { conditions: ['Bool x'] }), covers('vod', 'all', { resources: ['acs:vod:*'] }), covers('vod', 'all', { effect: 'Deny' })]) {
      assert.equal(grantsEverything(s, 'vod'), false);
    }
  });

  it('mayGrant: Allows and unreadable statements may grant; Denies never', () => {
    assert.equal(mayGrant(covers('vod', ['vod:Get*']), 'vod'), true);
    assert.equal(mayGrant(covers('vod', 'all', { effect: 'Deny' }), 'vod'), false);
    assert.equal(mayGrant({ kind: 'unreadable', reason: 'invalidJson' }, 'vod'), true);
    assert.equal(mayGrant({ kind: 'unreadable', effect: 'Deny', reason: 'notAction' }, 'vod'), false);
    assert.equal(mayGrant(covers('mts', 'all'), 'vod'), false);
  });

  it('matchAction: service prefix case-insensitive; ? matches one character only', () => {
    assert.deepEqual([...(matchAction('VoD:GetPlayInfo') as Map<string, string>)], [['vod', 'some']]);
    assert.deepEqual([...(matchAction('v?:*') as Map<string, string>)], []);
    assert.deepEqual([...(matchAction('ecs:*') as Map<string, string>)], []);
    assert.equal(matchAction(':x'), 'malformed');
    assert.equal(matchAction('vod:'), 'malformed');
  });
});
