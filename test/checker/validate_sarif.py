#!/usr/bin/env python3
"""Validates a SARIF 2.1.0 log: against the official JSON schema, then for what
GitHub code scanning relies on beyond it.

  validate_sarif.py LOG.sarif   (or '-' for stdin)

1. The official OASIS SARIF 2.1.0 schema (schemas/sarif-schema-2.1.0.json,
   stored verbatim, see schemas/README.md), with python3-jsonschema's Draft 7
   validator and its format checker. Needs the `jsonschema` module (Debian:
   python3-jsonschema, for /usr/bin/python3); without it this script fails
   rather than skip the check.
2. Checks the schema cannot express: a ruleIndex names the rule with that
   ruleId, rule ids and relatedLocations ids are unique, URIs are relative or
   file:// (code scanning rejects bare absolute paths), every location has a
   region with a start line, and the messages code scanning shows are
   non-empty.
Exits 1 with every problem listed; prints "SARIF OK" otherwise.
"""
import json
import os
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'schemas',
                      'sarif-schema-2.1.0.json')

LEVELS = {'none', 'note', 'warning', 'error'}
errors = []


def need(cond, where, what):
    if not cond:
        errors.append(f'{where}: {what}')
    return cond


def is_str(v):
    return isinstance(v, str) and v != ''


def is_pos_int(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def check_message(m, where):
    if need(isinstance(m, dict), where, 'message must be an object'):
        need(is_str(m.get('text')), where, 'message.text must be a non-empty string')


def check_location(loc, where, want_message=False):
    if not need(isinstance(loc, dict), where, 'location must be an object'):
        return
    pl = loc.get('physicalLocation')
    if need(isinstance(pl, dict), where, 'physicalLocation missing'):
        al = pl.get('artifactLocation')
        if need(isinstance(al, dict), where, 'artifactLocation missing'):
            uri = al.get('uri')
            if need(is_str(uri), where, 'artifactLocation.uri must be a string'):
                need(not uri.startswith('/'), where,
                     f'uri {uri!r} is an absolute path (must be relative or a file:// URI)')
        region = pl.get('region')
        if need(isinstance(region, dict), where, 'region missing'):
            need(is_pos_int(region.get('startLine')), where, 'region.startLine must be >= 1')
            if 'startColumn' in region:
                need(is_pos_int(region['startColumn']), where, 'region.startColumn must be >= 1')
            if 'endColumn' in region:
                need(is_pos_int(region['endColumn']) and
                     region['endColumn'] >= region.get('startColumn', 1) and
                     region.get('endLine', region.get('startLine')) == region.get('startLine'),
                     where, 'region.endColumn must be >= startColumn (on the same line)')
    if want_message:
        check_message(loc.get('message'), where)


def check_schema(log):
    try:
        import jsonschema
    except ImportError:
        sys.exit('validate_sarif.py: the jsonschema module is missing (Debian: apt-get install '
                 'python3-jsonschema, then run this with /usr/bin/python3)')
    with open(SCHEMA) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    for e in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        where = '/'.join(str(p) for p in e.absolute_path) or '(root)'
        errors.append(f'schema: {where}: {e.message}')


def main():
    src = sys.stdin if sys.argv[1:] in ([], ['-']) else open(sys.argv[1])
    try:
        log = json.load(src)
    except json.JSONDecodeError as e:
        sys.exit(f'not JSON: {e}')
    check_schema(log)
    need(log.get('version') == '2.1.0', 'log', 'version must be "2.1.0"')
    need(is_str(log.get('$schema')), 'log', '$schema must be a string')
    runs = log.get('runs')
    if not need(isinstance(runs, list) and runs, 'log', 'runs must be a non-empty array'):
        return report()
    for r, run in enumerate(runs):
        w = f'runs[{r}]'
        driver = run.get('tool', {}).get('driver')
        if not need(isinstance(driver, dict), w, 'tool.driver missing'):
            continue
        need(is_str(driver.get('name')), w, 'tool.driver.name must be a string')
        rules = driver.get('rules', [])
        need(isinstance(rules, list), w, 'tool.driver.rules must be an array')
        ids = []
        for i, rule in enumerate(rules):
            rw = f'{w}.rules[{i}]'
            need(is_str(rule.get('id')), rw, 'id must be a string')
            ids.append(rule.get('id'))
            for key in ('shortDescription', 'fullDescription'):
                check_message(rule.get(key), f'{rw}.{key}')
            hlp = rule.get('help')
            if need(isinstance(hlp, dict), rw, 'help missing'):
                need(is_str(hlp.get('text')), rw, 'help.text must be a string')
                if 'markdown' in hlp:
                    need(is_str(hlp['markdown']), rw, 'help.markdown must be a string')
        need(len(set(ids)) == len(ids), w, 'rule ids must be unique')
        # Columns count UTF-16 code units, as GitHub expects: say so.
        need(run.get('columnKind') == 'utf16CodeUnits', w, 'columnKind must be "utf16CodeUnits"')
        # A notification at level error (a file not analysed) makes the
        # invocation unsuccessful; its locations name files like results do.
        for i, inv in enumerate(run.get('invocations', [])):
            iw = f'{w}.invocations[{i}]'
            notes = inv.get('toolExecutionNotifications', [])
            failed = any(n.get('level', 'warning') == 'error' for n in notes)
            need(inv.get('executionSuccessful') is (not failed), iw,
                 'executionSuccessful must be false exactly when a notification is an error')
            for n, note in enumerate(notes):
                nw = f'{iw}.toolExecutionNotifications[{n}]'
                check_message(note.get('message'), nw)
                for loc in note.get('locations', []):
                    uri = loc.get('physicalLocation', {}).get('artifactLocation', {}).get('uri')
                    need(is_str(uri) and not uri.startswith('/'), nw,
                         f'uri {uri!r} must be relative or a file:// URI')
        results = run.get('results')
        if not need(isinstance(results, list), w, 'results must be an array'):
            continue
        for j, res in enumerate(results):
            rw = f'{w}.results[{j}]'
            rule_id = res.get('ruleId')
            need(is_str(rule_id), rw, 'ruleId must be a string')
            if 'ruleIndex' in res:
                k = res['ruleIndex']
                if need(isinstance(k, int) and 0 <= k < len(ids), rw, 'ruleIndex out of range'):
                    need(ids[k] == rule_id, rw, f'ruleIndex {k} names {ids[k]!r}, not {rule_id!r}')
            else:
                need(rule_id in ids, rw, f'ruleId {rule_id!r} is not a rule of the driver')
            need(res.get('level', 'warning') in LEVELS, rw, 'level must be one of ' + str(LEVELS))
            check_message(res.get('message'), rw)
            locs = res.get('locations')
            if need(isinstance(locs, list) and locs, rw, 'locations must be a non-empty array'):
                for n, loc in enumerate(locs):
                    check_location(loc, f'{rw}.locations[{n}]')
            rel_ids = []
            for n, loc in enumerate(res.get('relatedLocations', [])):
                lw = f'{rw}.relatedLocations[{n}]'
                check_location(loc, lw, want_message=True)
                need(isinstance(loc.get('id'), int) and loc['id'] >= 0, lw, 'id must be an integer >= 0')
                rel_ids.append(loc.get('id'))
            need(len(set(rel_ids)) == len(rel_ids), rw, 'relatedLocations ids must be unique')
            for f, flow in enumerate(res.get('codeFlows', [])):
                tfs = flow.get('threadFlows')
                fw = f'{rw}.codeFlows[{f}]'
                if not need(isinstance(tfs, list) and tfs, fw, 'threadFlows must be a non-empty array'):
                    continue
                for t, tf in enumerate(tfs):
                    steps = tf.get('locations')
                    tw = f'{fw}.threadFlows[{t}]'
                    if need(isinstance(steps, list) and steps, tw, 'locations must be a non-empty array'):
                        for s, step in enumerate(steps):
                            check_location(step.get('location'), f'{tw}.locations[{s}].location',
                                           want_message=True)
    return report()


def report():
    if errors:
        sys.stderr.write('\n'.join(errors) + '\n')
        sys.exit(1)
    print('SARIF OK')


if __name__ == '__main__':
    main()
