// A CommonJS application: Node >= 20.19 loads the ES module packages with require().
const assert = require('node:assert/strict');
const leadline = require('leadline');
const domain = require('@leadline/domain');
const { runCli } = require('@leadline/cli');

assert.equal(typeof leadline.openLeadline, 'function');
assert.equal(typeof leadline.createLeadline, 'function');
assert.equal(domain.OrgId('acme'), 'acme');
assert.equal(typeof runCli, 'function');
console.log('CommonJS: require() of leadline, @leadline/domain and @leadline/cli');
