# lit configuration of the aliasguard checker suite (see lit.site.cfg.py.in).
import os
import shutil
import lit.formats

config.name = 'aliasguard-checker'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.cpp', '.test']
config.excludes = ['Inputs', 'CMakeLists.txt', 'lit.cfg.py', 'check_aliasguard.py']
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.aliasguard_obj_root, 'test', 'checker')

llvm_bin = config.llvm_tools_dir
runner = ' '.join([
    'python3', os.path.join(config.test_source_root, 'check_aliasguard.py'),
    '--aliasguard=' + config.aliasguard,
    '--clang-tidy=' + os.path.join(llvm_bin, 'clang-tidy'),
    '--plugin=' + config.aliasguard_plugin,
    '--filecheck=' + os.path.join(llvm_bin, 'FileCheck'),
])
ag_flags = '-std=c++20 -I' + config.ag_include_dir
torch_flags = '-std=c++17 -I/usr/include -I/usr/include/torch/csrc/api/include'

config.substitutions += [
    ('%check_aliasguard', runner + ' --tmp=%t.dir'),
    # Debian's interpreter: .ci/install-deps gives it python3-jsonschema, which
    # a python3 earlier on PATH may lack.
    ('%validate_sarif', '/usr/bin/python3 ' + os.path.join(config.test_source_root,
                                                           'validate_sarif.py')),
    ('%aliasguard', config.aliasguard),
    ('%plugin', config.aliasguard_plugin),
    ('%clang_tidy', os.path.join(llvm_bin, 'clang-tidy')),
    ('%clang_apply_replacements', os.path.join(llvm_bin, 'clang-apply-replacements')),
    ('%ag_flags', ag_flags),
    ('%ag_include', config.ag_include_dir),
    ('%torch_flags', torch_flags),
    ('%FileCheck', os.path.join(llvm_bin, 'FileCheck')),
    ('%not', os.path.join(llvm_bin, 'not')),
]
# The Neovim LSP client test (lsp/neovim.test) needs nvim (.ci/install-deps).
nvim = shutil.which('nvim')
if nvim:
    config.available_features.add('nvim')
    config.substitutions.append(('%nvim', nvim))
else:
    lit_config.note('nvim not found: lsp/neovim.test (the Neovim LSP client test) '
                    'is skipped; install Debian package neovim')
if os.path.exists('/usr/include/torch/csrc/api/include/torch/torch.h'):
    config.available_features.add('libtorch')
